from price_per_kg import price_per_kg


def test_price_per_kg():
    assert price_per_kg(3, 500) == 6.0
    assert price_per_kg(2.5, 250) == 10.0
    assert price_per_kg(7, 2000) == 3.5
    assert price_per_kg(4.99, 1000) == 4.99


def test_rounding():
    assert price_per_kg(1, 3) == 333.33
    assert price_per_kg(2, 3) == 666.67
    assert price_per_kg(0, 100) == 0.0
