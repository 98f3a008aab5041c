from nth_odd import nth_odd


def test_nth_odd_normal():
    assert nth_odd(1) == 1
    assert nth_odd(2) == 3
    assert nth_odd(4) == 7


def test_nth_odd_edge_cases():
    assert nth_odd(10) == 19
    assert nth_odd(50) == 99
    assert nth_odd(100) == 199
