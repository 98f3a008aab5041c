from keys_by_value import keys_by_value


def test_keys_by_value():
    assert keys_by_value({"a": 1, "b": 3, "c": 2}) == ["b", "c", "a"]
    assert keys_by_value({"x": 5}) == ["x"]


def test_ties_and_empty():
    assert keys_by_value({"y": 5, "x": 5, "a": 1}) == ["x", "y", "a"]
    assert keys_by_value({"b": 2, "a": 2}) == ["a", "b"]
    assert keys_by_value({}) == []
