from values_of import values_of


def test_values_of():
    assert values_of({"a": 1, "b": 2}, ["b", "a"]) == [2, 1]
    assert values_of({"a": 1, "b": 2}, ["b", "x"]) == [2, None]
    assert values_of({"x": 0}, ["x", "x"]) == [0, 0]


def test_empty_and_missing():
    assert values_of({"a": 1}, []) == []
    assert values_of({}, ["a"]) == [None]
    assert values_of({"k": None, "j": False}, ["j"]) == [False]
