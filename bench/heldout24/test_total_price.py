from total_price import total_price


def test_total_price():
    assert total_price(3, 4) == 12
    assert total_price(10, 1) == 10
    assert total_price(2.5, 2) == 5.0


def test_zero_quantity_and_price():
    assert total_price(5, 0) == 0
    assert total_price(0, 7) == 0
    assert total_price(1, 6) == 6
