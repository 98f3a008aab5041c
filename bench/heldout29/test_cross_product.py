from cross_product import cross_product


def test_cross_product_normal():
    assert cross_product([1, 2, 3], [4, 5, 6]) == [-3, 6, -3]
    assert cross_product([1, 0, 0], [0, 1, 0]) == [0, 0, 1]
    assert cross_product([0, 1, 0], [1, 0, 0]) == [0, 0, -1]
    assert cross_product([2, 0, 0], [0, 0, 3]) == [0, -6, 0]


def test_cross_product_edge_cases():
    assert cross_product([1, 2, 3], [1, 2, 3]) == [0, 0, 0]
    assert cross_product([0, 0, 0], [4, 5, 6]) == [0, 0, 0]
    assert cross_product([1, 2, 3], [2, 4, 6]) == [0, 0, 0]
    assert cross_product([0, 0, 1], [1, 0, 0]) == [0, 1, 0]
