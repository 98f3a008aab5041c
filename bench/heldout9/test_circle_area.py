import math

from circle_area import circle_area


def test_circle_area():
    assert abs(circle_area(1) - math.pi) < 1e-9
    assert abs(circle_area(2) - 4 * math.pi) < 1e-9
    assert abs(circle_area(10) - 314.1592653589793) < 1e-9


def test_zero_and_fraction():
    assert circle_area(0) == 0.0
    assert abs(circle_area(0.5) - math.pi / 4) < 1e-9
