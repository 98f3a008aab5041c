from scale_values import scale_values


def test_scale_values():
    assert scale_values({"a": 1, "b": 2}, 3) == {"a": 3, "b": 6}
    assert scale_values({"x": 1.5}, 2) == {"x": 3.0}
    assert scale_values({"a": 4}, 0) == {"a": 0}


def test_empty_and_unchanged():
    assert scale_values({}, 5) == {}
    d = {"a": 1, "b": -2}
    assert scale_values(d, 2) == {"a": 2, "b": -4}
    assert d == {"a": 1, "b": -2}
