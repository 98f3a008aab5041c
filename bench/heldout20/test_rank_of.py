from rank_of import rank_of


def test_rank_of():
    assert rank_of(7, [9, 7, 5, 9]) == 3
    assert rank_of(9, [9, 7, 5, 9]) == 1
    assert rank_of(5, [9, 7, 5, 9]) == 4
    assert rank_of(6, [1, 8, 3]) == 2


def test_top_and_empty():
    assert rank_of(3, []) == 1
    assert rank_of(100, [1, 2, 3]) == 1
    assert rank_of(4, [4, 4, 4]) == 1
    assert rank_of(0, [1, 2]) == 3
