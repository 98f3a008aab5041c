from product_except_self import product_except_self


def test_product_except_self():
    assert product_except_self([1, 2, 3, 4]) == [24, 12, 8, 6]
    assert product_except_self([-1, 2]) == [2, -1]
    assert product_except_self([2, 0, 3]) == [0, 6, 0]


def test_zeros_and_short():
    assert product_except_self([0, 0]) == [0, 0]
    assert product_except_self([5]) == [1]
    assert product_except_self([]) == []
