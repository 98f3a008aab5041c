from sort_records import sort_records


def test_sort_records():
    assert sort_records([{"n": "b", "age": 30}, {"n": "a", "age": 20}], "age") == [
        {"n": "a", "age": 20},
        {"n": "b", "age": 30},
    ]
    assert sort_records([{"n": "b"}, {"n": "c"}, {"n": "a"}], "n") == [
        {"n": "a"},
        {"n": "b"},
        {"n": "c"},
    ]
    assert sort_records([{"x": 2}, {"x": -1}, {"x": 0}], "x") == [{"x": -1}, {"x": 0}, {"x": 2}]


def test_empty_ties_and_unchanged():
    assert sort_records([], "age") == []
    assert sort_records([{"k": 1, "id": 1}, {"k": 0, "id": 2}, {"k": 1, "id": 3}], "k") == [
        {"k": 0, "id": 2},
        {"k": 1, "id": 1},
        {"k": 1, "id": 3},
    ]
    records = [{"v": 3}, {"v": 1}]
    assert sort_records(records, "v") == [{"v": 1}, {"v": 3}]
    assert records == [{"v": 3}, {"v": 1}]
