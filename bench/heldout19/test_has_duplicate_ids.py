from has_duplicate_ids import has_duplicate_ids


def test_has_duplicate_ids():
    assert has_duplicate_ids([{"id": 1}, {"id": 2}, {"id": 1}]) is True
    assert has_duplicate_ids([{"id": 1}, {"id": 2}]) is False
    assert has_duplicate_ids([{"id": "a", "x": 1}, {"id": "a", "x": 2}]) is True


def test_empty_and_one():
    assert has_duplicate_ids([]) is False
    assert has_duplicate_ids([{"id": 7}]) is False
    assert has_duplicate_ids([{"id": 7, "x": 1}, {"id": 8, "x": 1}]) is False
