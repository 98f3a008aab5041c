from swap_pairs import swap_pairs


def test_swap_pairs():
    assert swap_pairs([1, 2, 3, 4]) == [2, 1, 4, 3]
    assert swap_pairs(["x", "y"]) == ["y", "x"]


def test_odd_and_empty():
    assert swap_pairs([1, 2, 3, 4, 5]) == [2, 1, 4, 3, 5]
    assert swap_pairs(["a"]) == ["a"]
    assert swap_pairs([]) == []
