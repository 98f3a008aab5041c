from expand_counts import expand_counts


def test_expand_counts():
    assert expand_counts({"a": 2, "b": 1}) == ["a", "a", "b"]
    assert expand_counts({"x": 3}) == ["x", "x", "x"]
    assert expand_counts({"b": 1, "a": 2}) == ["b", "a", "a"]


def test_empty_and_zero_counts():
    assert expand_counts({}) == []
    assert expand_counts({"a": 0, "b": 2}) == ["b", "b"]
    assert expand_counts({"z": 0}) == []
