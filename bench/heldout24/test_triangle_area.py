from triangle_area import triangle_area


def test_triangle_area():
    assert triangle_area(4, 3) == 6.0
    assert triangle_area(10, 10) == 50.0
    assert triangle_area(6, 2) == 6.0


def test_halves_and_zero():
    assert triangle_area(5, 3) == 7.5
    assert triangle_area(1, 1) == 0.5
    assert triangle_area(0, 5) == 0.0
    assert triangle_area(2.0, 4) == 4.0
