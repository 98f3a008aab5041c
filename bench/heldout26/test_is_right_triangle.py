from is_right_triangle import is_right_triangle


def test_is_right_triangle_normal():
    assert is_right_triangle(3, 4, 5) is True
    assert is_right_triangle(5, 12, 13) is True
    assert is_right_triangle(2, 3, 4) is False


def test_is_right_triangle_edge_cases():
    assert is_right_triangle(1, 1, 1) is False
    assert is_right_triangle(6, 8, 10) is True
    assert is_right_triangle(8, 15, 17) is True
    assert is_right_triangle(3, 4, 6) is False
