from flip_pairs import flip_pairs


def test_flip_pairs():
    assert flip_pairs([[1, 2], [3, 4]]) == [[2, 1], [4, 3]]
    assert flip_pairs([["a", "b"]]) == [["b", "a"]]
    assert flip_pairs([[5, 5], [0, 9]]) == [[5, 5], [9, 0]]


def test_empty_and_unchanged():
    assert flip_pairs([]) == []
    pairs = [[1, 2]]
    assert flip_pairs(pairs) == [[2, 1]]
    assert pairs == [[1, 2]]
