from same_keys import same_keys


def test_same_keys():
    assert same_keys({"x": 1, "y": 2}, {"y": 5, "x": 0}) is True
    assert same_keys({"x": 1}, {"x": 1, "y": 2}) is False
    assert same_keys({"a": 1}, {"b": 1}) is False


def test_empty():
    assert same_keys({}, {}) is True
    assert same_keys({"a": 1}, {}) is False
    assert same_keys({}, {"a": 1}) is False
    assert same_keys({"k": None}, {"k": 0}) is True
