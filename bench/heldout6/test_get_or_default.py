from get_or_default import get_or_default


def test_get_or_default():
    assert get_or_default({"a": 1, "b": 2}, "b", 0) == 2
    assert get_or_default({"a": 1}, "z", 0) == 0
    assert get_or_default({}, "x", "none") == "none"


def test_falsy_values():
    assert get_or_default({"a": None}, "a", 5) is None
    assert get_or_default({"a": 0}, "a", 9) == 0
