from pair_maxes import pair_maxes


def test_pair_maxes():
    assert pair_maxes([[1, 5], [7, 2]]) == [5, 7]
    assert pair_maxes([[2.5, 1]]) == [2.5]
    assert pair_maxes([[0, 9], [8, 3], [4, 6]]) == [9, 8, 6]


def test_empty_equal_and_negative():
    assert pair_maxes([]) == []
    assert pair_maxes([[3, 3]]) == [3]
    assert pair_maxes([[-1, -4], [0, -2]]) == [-1, 0]
