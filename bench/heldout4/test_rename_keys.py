from rename_keys import rename_keys


def test_rename_keys():
    assert rename_keys({"a": 1, "b": 2}, {"a": "x"}) == {"x": 1, "b": 2}
    assert rename_keys({"a": 1, "b": 2}, {"a": "b", "b": "a"}) == {"b": 1, "a": 2}
    assert rename_keys({"a": 1}, {"z": "y"}) == {"a": 1}
    assert rename_keys({}, {"a": "b"}) == {}


def test_input_unchanged():
    d = {"a": 1}
    assert rename_keys(d, {"a": "c"}) == {"c": 1}
    assert d == {"a": 1}
