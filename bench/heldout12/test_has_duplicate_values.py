from has_duplicate_values import has_duplicate_values


def test_has_duplicate_values():
    assert has_duplicate_values({"a": 1, "b": 2, "c": 1}) is True
    assert has_duplicate_values({"a": 1, "b": 2}) is False
    assert has_duplicate_values({"x": "s", "y": "s"}) is True


def test_empty_and_single():
    assert has_duplicate_values({}) is False
    assert has_duplicate_values({"a": 1}) is False
    assert has_duplicate_values({"a": None, "b": None}) is True
