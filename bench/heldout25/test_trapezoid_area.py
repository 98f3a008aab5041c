from trapezoid_area import trapezoid_area


def test_trapezoid_area_normal():
    assert trapezoid_area(3, 5, 2) == 8
    assert trapezoid_area(4, 6, 3) == 15
    assert trapezoid_area(2, 2, 5) == 10


def test_trapezoid_area_edge_cases():
    assert trapezoid_area(1, 2, 1) == 1.5
    assert trapezoid_area(0, 4, 2) == 4
    assert trapezoid_area(7, 3, 0) == 0
