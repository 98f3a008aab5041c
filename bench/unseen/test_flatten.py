from flatten import flatten


def test_flatten():
    assert flatten([]) == []
    assert flatten([1, 2, 3]) == [1, 2, 3]
    assert flatten([1, [2, [3, [4]], 5]]) == [1, 2, 3, 4, 5]
    assert flatten([[], [[]], [1, []]]) == [1]
    assert flatten([["a", ["b"]], "c"]) == ["a", "b", "c"]
