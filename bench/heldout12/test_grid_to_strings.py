from grid_to_strings import grid_to_strings


def test_grid_to_strings():
    assert grid_to_strings([["#", "."], [".", "#"]]) == ["#.", ".#"]
    assert grid_to_strings([["a", "b", "c"]]) == ["abc"]
    assert grid_to_strings([["x"], ["y"], ["z"]]) == ["x", "y", "z"]


def test_empty_and_spaces():
    assert grid_to_strings([]) == []
    assert grid_to_strings([[]]) == [""]
    assert grid_to_strings([[" ", "a"]]) == [" a"]
