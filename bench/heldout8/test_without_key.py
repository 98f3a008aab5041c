from without_key import without_key


def test_without_key():
    assert without_key({"a": 1, "b": 2}, "a") == {"b": 2}
    assert without_key({"x": 1}, "x") == {}
    assert without_key({1: "one", 2: "two"}, 2) == {1: "one"}


def test_missing_key_and_unchanged():
    assert without_key({"a": 1}, "z") == {"a": 1}
    assert without_key({}, "a") == {}
    d = {"a": 1, "b": 2}
    without_key(d, "b")
    assert d == {"a": 1, "b": 2}
