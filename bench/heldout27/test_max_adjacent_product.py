from max_adjacent_product import max_adjacent_product


def test_max_adjacent_product_normal():
    assert max_adjacent_product([3, 6, -2, -5, 7, 3]) == 21
    assert max_adjacent_product([1, 2, 3]) == 6
    assert max_adjacent_product([5, 1, 2, 4]) == 8


def test_max_adjacent_product_edge_cases():
    assert max_adjacent_product([2, 3]) == 6
    assert max_adjacent_product([-4, -5, 1]) == 20
    assert max_adjacent_product([-1, 2, -3]) == -2
    assert max_adjacent_product([0, 0, 0]) == 0
