from to_cents import to_cents


def test_to_cents():
    assert to_cents(1.0) == 100
    assert to_cents(2.5) == 250
    assert to_cents(19.99) == 1999


def test_float_error_and_small():
    assert to_cents(0.29) == 29
    assert to_cents(1.15) == 115
    assert to_cents(0.0) == 0
