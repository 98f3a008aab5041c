from make_grid import make_grid


def test_make_grid():
    assert make_grid(2, 3, 0) == [[0, 0, 0], [0, 0, 0]]
    assert make_grid(1, 2, "x") == [["x", "x"]]
    assert make_grid(3, 1, None) == [[None], [None], [None]]


def test_zero_sizes_and_separate_rows():
    assert make_grid(0, 5, 1) == []
    assert make_grid(2, 0, 1) == [[], []]
    grid = make_grid(2, 2, 0)
    grid[0][0] = 1
    assert grid == [[1, 0], [0, 0]]
