from sum_range import sum_range


def test_sum_range():
    assert sum_range(1, 4) == 10
    assert sum_range(0, 100) == 5050
    assert sum_range(-3, -1) == -6


def test_order_and_equal():
    assert sum_range(4, 1) == 10
    assert sum_range(-2, 2) == 0
    assert sum_range(3, 3) == 3
