from neighbour_pairs import neighbour_pairs


def test_neighbour_pairs():
    assert neighbour_pairs(["a", "b", "c"]) == ["a b", "b c"]
    assert neighbour_pairs(["to", "be", "or", "not"]) == ["to be", "be or", "or not"]
    assert neighbour_pairs(["x", "y"]) == ["x y"]


def test_short_lists():
    assert neighbour_pairs([]) == []
    assert neighbour_pairs(["solo"]) == []
    assert neighbour_pairs(["", "a"]) == [" a"]
