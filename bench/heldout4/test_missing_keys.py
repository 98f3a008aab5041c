from missing_keys import missing_keys


def test_missing_keys():
    assert missing_keys({"x": 1, "y": 2, "z": 3}, {"y": 0}) == ["x", "z"]
    assert missing_keys({"b": 1, "a": 2}, {}) == ["a", "b"]
    assert missing_keys({"k": 1, "m": 2}, {"m": 2, "q": 3}) == ["k"]


def test_none_missing():
    assert missing_keys({"a": 1}, {"a": 5}) == []
    assert missing_keys({}, {"a": 1}) == []
