from max_in_grid import max_in_grid


def test_max_in_grid():
    assert max_in_grid([[1, 5], [3, 2]]) == 5
    assert max_in_grid([[-4, -2], [-7]]) == -2
    assert max_in_grid([[0]]) == 0
    assert max_in_grid([[2.5], [1, 2]]) == 2.5


def test_empty():
    assert max_in_grid([]) is None
    assert max_in_grid([[], []]) is None
    assert max_in_grid([[], [3], []]) == 3
