from count_in_grid import count_in_grid


def test_count_in_grid():
    assert count_in_grid([[1, 2], [2, 2]], 2) == 3
    assert count_in_grid([[1, 0], [0, 1]], 0) == 2
    assert count_in_grid([["a", "b"], ["c"]], "c") == 1


def test_empty_and_absent():
    assert count_in_grid([], 1) == 0
    assert count_in_grid([[], []], 1) == 0
    assert count_in_grid([[3, 3, 3]], 4) == 0
