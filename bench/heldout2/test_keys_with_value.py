from keys_with_value import keys_with_value


def test_keys_with_value():
    assert keys_with_value({"b": 1, "a": 1, "c": 2}, 1) == ["a", "b"]
    assert keys_with_value({"z": 0, "y": 0, "x": 0}, 0) == ["x", "y", "z"]
    assert keys_with_value({3: "v", 1: "v", 2: "w"}, "v") == [1, 3]


def test_none():
    assert keys_with_value({}, 1) == []
    assert keys_with_value({"a": 1}, 2) == []
