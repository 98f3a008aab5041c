from matching_records import matching_records


def test_matching_records():
    assert matching_records([{"a": 1}, {"a": 2}, {"a": 1, "b": 0}], "a", 1) == [
        {"a": 1},
        {"a": 1, "b": 0},
    ]
    assert matching_records([{"c": "x"}], "c", "y") == []
    assert matching_records([{"n": 1}, {"m": 1}], "m", 1) == [{"m": 1}]


def test_empty_and_missing_key():
    assert matching_records([], "a", 1) == []
    assert matching_records([{"a": None}, {}], "a", None) == [{"a": None}]
    assert matching_records([{}, {"b": 2}], "a", 2) == []
