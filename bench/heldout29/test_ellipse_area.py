from ellipse_area import ellipse_area


def test_ellipse_area_normal():
    assert ellipse_area(1, 1) == 3.14
    assert ellipse_area(2, 3) == 18.85
    assert ellipse_area(5, 2) == 31.42
    assert ellipse_area(3, 4) == 37.7


def test_ellipse_area_edge_cases():
    assert ellipse_area(0, 5) == 0.0
    assert ellipse_area(5, 0) == 0.0
    assert ellipse_area(10, 10) == 314.16
    assert ellipse_area(0.5, 0.5) == 0.79
