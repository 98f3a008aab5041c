from root_mean_square import root_mean_square


def test_root_mean_square_normal():
    assert root_mean_square([3, 4]) == 3.54
    assert root_mean_square([1, 7]) == 5.0
    assert root_mean_square([1, 2, 3]) == 2.16
    assert root_mean_square([2, -2]) == 2.0


def test_root_mean_square_edge_cases():
    assert root_mean_square([]) == 0.0
    assert root_mean_square([-5]) == 5.0
    assert root_mean_square([0, 0]) == 0.0
