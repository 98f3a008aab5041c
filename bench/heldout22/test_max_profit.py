from max_profit import max_profit


def test_max_profit():
    assert max_profit([7, 1, 5, 3, 6, 4]) == 5
    assert max_profit([1, 2]) == 1
    assert max_profit([3, 8, 1, 4]) == 5
    assert max_profit([2, 9, 1, 3]) == 7


def test_no_profit_and_short():
    assert max_profit([7, 6, 4, 3, 1]) == 0
    assert max_profit([4, 4]) == 0
    assert max_profit([5]) == 0
    assert max_profit([]) == 0
