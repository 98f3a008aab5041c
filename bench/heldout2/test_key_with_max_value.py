from key_with_max_value import key_with_max_value


def test_key_with_max_value():
    assert key_with_max_value({"a": 1, "b": 3, "c": 2}) == "b"
    assert key_with_max_value({"x": 5}) == "x"
    assert key_with_max_value({"p": -3, "q": -1, "r": -2}) == "q"


def test_ties_and_empty():
    assert key_with_max_value({"a": 2, "b": 2}) == "a"
    assert key_with_max_value({"a": 1, "b": 4, "c": 4}) == "b"
    assert key_with_max_value({}) is None
