from sum_of_cubes import sum_of_cubes


def test_sum_of_cubes_normal():
    assert sum_of_cubes(3) == 36
    assert sum_of_cubes(2) == 9
    assert sum_of_cubes(4) == 100


def test_sum_of_cubes_edge_cases():
    assert sum_of_cubes(1) == 1
    assert sum_of_cubes(0) == 0
    assert sum_of_cubes(-3) == 0
