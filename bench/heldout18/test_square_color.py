from square_color import square_color


def test_square_color():
    assert square_color(0, 0) == "dark"
    assert square_color(1, 0) == "light"
    assert square_color(0, 1) == "light"
    assert square_color(7, 7) == "dark"


def test_other_squares():
    assert square_color(7, 0) == "light"
    assert square_color(3, 5) == "dark"
    assert square_color(2, 5) == "light"
    assert square_color(0, 7) == "light"
