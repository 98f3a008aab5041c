from moving_average import moving_average


def test_moving_average():
    assert moving_average([1, 2, 3, 4, 5], 2) == [1.5, 2.5, 3.5, 4.5]
    assert moving_average([2, 4, 6, 8], 3) == [4.0, 6.0]
    assert moving_average([10, 20], 2) == [15.0]
    assert moving_average([3, 5, 7], 1) == [3.0, 5.0, 7.0]


def test_window_too_large():
    assert moving_average([1, 2], 3) == []
    assert moving_average([], 1) == []
