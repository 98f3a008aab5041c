from square_area import square_area


def test_square_area():
    assert square_area(3) == 9
    assert square_area(10) == 100
    assert square_area(2.5) == 6.25


def test_small_sides():
    assert square_area(1) == 1
    assert square_area(0) == 0
    assert square_area(4) == 16
