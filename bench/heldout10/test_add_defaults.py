from add_defaults import add_defaults


def test_add_defaults():
    assert add_defaults({"a": 1}, {"a": 0, "b": 2}) == {"a": 1, "b": 2}
    assert add_defaults({"a": None}, {"a": 1}) == {"a": None}
    assert add_defaults({"x": 5}, {}) == {"x": 5}


def test_empty_and_unchanged():
    assert add_defaults({}, {}) == {}
    d, defaults = {"k": 1}, {"k": 2, "m": 3}
    assert add_defaults(d, defaults) == {"k": 1, "m": 3}
    assert d == {"k": 1} and defaults == {"k": 2, "m": 3}
