from drop_none_values import drop_none_values


def test_drop_none_values():
    assert drop_none_values({"a": 1, "b": None}) == {"a": 1}
    falsy = {"x": 0, "y": "", "z": False}
    assert drop_none_values({**falsy, "w": None}) == falsy
    assert drop_none_values({"n": None}) == {}
    assert drop_none_values({}) == {}


def test_input_unchanged():
    d = {"a": None, "b": 2}
    assert drop_none_values(d) == {"b": 2}
    assert d == {"a": None, "b": 2}
