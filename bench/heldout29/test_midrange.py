from midrange import midrange


def test_midrange_normal():
    assert midrange([1, 2, 3, 10]) == 5.5
    assert midrange([4, 8]) == 6.0
    assert midrange([3, 1, 2]) == 2.0
    assert midrange([-10, 0, 4]) == -3.0


def test_midrange_edge_cases():
    assert midrange([]) is None
    assert midrange([7]) == 7.0
    assert midrange([2, 2, 2]) == 2.0
    assert midrange([-3, -1]) == -2.0
