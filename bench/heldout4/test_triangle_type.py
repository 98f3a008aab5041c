from triangle_type import triangle_type


def test_valid():
    assert triangle_type(3, 3, 3) == "equilateral"
    assert triangle_type(3, 3, 5) == "isosceles"
    assert triangle_type(5, 3, 5) == "isosceles"
    assert triangle_type(3, 4, 5) == "scalene"


def test_invalid():
    assert triangle_type(1, 2, 3) == "invalid"
    assert triangle_type(0, 0, 0) == "invalid"
    assert triangle_type(1, 1, 5) == "invalid"
