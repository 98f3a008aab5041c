from digit_product import digit_product


def test_digit_product_normal():
    assert digit_product(234) == 24
    assert digit_product(99) == 81
    assert digit_product(1111) == 1


def test_digit_product_edge_cases():
    assert digit_product(0) == 0
    assert digit_product(7) == 7
    assert digit_product(105) == 0
    assert digit_product(10) == 0
