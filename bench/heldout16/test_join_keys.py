from join_keys import join_keys


def test_join_keys():
    assert join_keys({"a": 1, "b": 2}, ", ") == "a, b"
    assert join_keys({"p": 0, "q": 0, "r": 0}, "/") == "p/q/r"
    assert join_keys({"b": 1, "a": 2}, "") == "ba"


def test_empty_and_one():
    assert join_keys({}, ",") == ""
    assert join_keys({"x": 5}, "-") == "x"
    assert join_keys({"key": "value"}, " ") == "key"
