from index_by_id import index_by_id


def test_index_by_id():
    records = [{"id": 1, "name": "ann"}, {"id": 2, "name": "bo"}]
    assert index_by_id(records) == {1: {"id": 1, "name": "ann"}, 2: {"id": 2, "name": "bo"}}
    assert index_by_id([{"id": "x"}]) == {"x": {"id": "x"}}
    assert list(index_by_id([{"id": 3}, {"id": 1}])) == [3, 1]


def test_empty_and_repeated():
    assert index_by_id([]) == {}
    assert index_by_id([{"id": 1, "v": 1}, {"id": 1, "v": 2}]) == {1: {"id": 1, "v": 2}}
    assert index_by_id([{"id": 0, "ok": True}]) == {0: {"id": 0, "ok": True}}
