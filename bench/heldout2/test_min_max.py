from min_max import min_max


def test_min_max():
    assert min_max([3, 1, 4]) == (1, 4)
    assert min_max([5]) == (5, 5)
    assert min_max([-2, -7, 0]) == (-7, 0)
    assert min_max([2.5, 2.5]) == (2.5, 2.5)


def test_empty():
    assert min_max([]) is None
