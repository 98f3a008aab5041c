from slope import slope


def test_slope_normal():
    assert slope(1, 1, 3, 7) == 3
    assert slope(0, 0, 4, 2) == 0.5
    assert slope(-1, -1, 1, 3) == 2


def test_slope_edge_cases():
    assert slope(1, 5, 3, 1) == -2
    assert slope(0, 3, 4, 3) == 0
    assert slope(3, 2, 1, 0) == 1
