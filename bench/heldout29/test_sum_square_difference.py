from sum_square_difference import sum_square_difference


def test_sum_square_difference_normal():
    assert sum_square_difference(10) == 2640
    assert sum_square_difference(2) == 4
    assert sum_square_difference(3) == 22
    assert sum_square_difference(5) == 170


def test_sum_square_difference_edge_cases():
    assert sum_square_difference(0) == 0
    assert sum_square_difference(1) == 0
    assert sum_square_difference(100) == 25164150
