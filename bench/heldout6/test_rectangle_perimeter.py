from rectangle_perimeter import rectangle_perimeter


def test_rectangle_perimeter():
    assert rectangle_perimeter(3, 5) == 16
    assert rectangle_perimeter(1, 1) == 4
    assert rectangle_perimeter(10, 2) == 24


def test_zero_sides():
    assert rectangle_perimeter(0, 0) == 0
    assert rectangle_perimeter(0, 7) == 14
