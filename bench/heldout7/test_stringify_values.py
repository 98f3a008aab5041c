from stringify_values import stringify_values


def test_stringify_values():
    assert stringify_values({"a": 1, "b": 2}) == {"a": "1", "b": "2"}
    assert stringify_values({"x": 2.5}) == {"x": "2.5"}
    assert stringify_values({"s": "hi"}) == {"s": "hi"}


def test_empty_none_and_negative():
    assert stringify_values({}) == {}
    assert stringify_values({"n": None, "t": True}) == {"n": "None", "t": "True"}
    assert stringify_values({1: -3}) == {1: "-3"}
