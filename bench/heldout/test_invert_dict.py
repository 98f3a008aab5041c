from invert_dict import invert_dict


def test_invert_dict():
    assert invert_dict({"a": 1, "b": 2, "c": 1}) == {1: ["a", "c"], 2: ["b"]}
    assert invert_dict({"x": 5}) == {5: ["x"]}
    assert invert_dict({"b": 0, "a": 0}) == {0: ["a", "b"]}
    assert invert_dict({3: "odd", 2: "even", 1: "odd"}) == {"odd": [1, 3], "even": [2]}


def test_empty():
    assert invert_dict({}) == {}
