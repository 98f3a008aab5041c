from format_points import format_points


def test_format_points():
    assert format_points([[1, 2], [3, -4]]) == ["(1, 2)", "(3, -4)"]
    assert format_points([[0, 0]]) == ["(0, 0)"]
    assert format_points([[1.5, 2]]) == ["(1.5, 2)"]


def test_empty_and_repeats():
    assert format_points([]) == []
    assert format_points([[7, 7], [7, 7]]) == ["(7, 7)", "(7, 7)"]
    assert format_points([[-1, 10], [2, 3]]) == ["(-1, 10)", "(2, 3)"]
