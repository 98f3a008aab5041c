from point_quadrant import point_quadrant


def test_point_quadrant():
    assert point_quadrant(3, 4) == 1
    assert point_quadrant(-2, 5) == 2
    assert point_quadrant(-1, -1) == 3
    assert point_quadrant(2.5, -7) == 4


def test_on_an_axis():
    assert point_quadrant(0, 0) == 0
    assert point_quadrant(0, 5) == 0
    assert point_quadrant(-3, 0) == 0
