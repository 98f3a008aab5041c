from has_value import has_value


def test_has_value():
    assert has_value({"a": 1, "b": 2}, 2) is True
    assert has_value({"a": 1}, 1) is True
    assert has_value({"x": None}, None) is True


def test_keys_and_empty():
    assert has_value({"a": 1, "b": 2}, "a") is False
    assert has_value({}, 1) is False
    assert has_value({1: "one"}, 1) is False
    assert has_value({"k": "v"}, "v") is True
