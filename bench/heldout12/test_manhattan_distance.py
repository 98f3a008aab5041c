from manhattan_distance import manhattan_distance


def test_manhattan_distance():
    assert manhattan_distance((1, 2), (4, 6)) == 7
    assert manhattan_distance((-1, -1), (1, 1)) == 4
    assert manhattan_distance((5, 5), (2, 9)) == 7


def test_same_point_and_axes():
    assert manhattan_distance((0, 0), (0, 0)) == 0
    assert manhattan_distance((3, 0), (0, 0)) == 3
    assert manhattan_distance((0, -2), (0, 3)) == 5
