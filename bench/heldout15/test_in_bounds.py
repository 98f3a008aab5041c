from in_bounds import in_bounds

GRID = [[1, 2, 3], [4, 5]]


def test_in_bounds():
    assert in_bounds(GRID, 0, 2) is True
    assert in_bounds(GRID, 1, 1) is True
    assert in_bounds(GRID, 0, 0) is True
    assert in_bounds(GRID, 1, 2) is False


def test_outside():
    assert in_bounds(GRID, 2, 0) is False
    assert in_bounds(GRID, -1, 0) is False
    assert in_bounds(GRID, 0, -1) is False
    assert in_bounds([], 0, 0) is False
