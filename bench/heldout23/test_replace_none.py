from replace_none import replace_none


def test_replace_none():
    assert replace_none({"a": None, "b": 2}, 0) == {"a": 0, "b": 2}
    assert replace_none({"x": "", "y": None}, "?") == {"x": "", "y": "?"}
    assert replace_none({"k": False, "j": 0}, 9) == {"k": False, "j": 0}
    assert list(replace_none({"z": None, "a": 1}, 5)) == ["z", "a"]


def test_unchanged_and_empty():
    d = {"a": None}
    assert replace_none(d, 1) == {"a": 1}
    assert d == {"a": None}
    assert replace_none({}, 5) == {}
