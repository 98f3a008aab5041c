from safe_divide import safe_divide


def test_safe_divide():
    assert safe_divide(10, 2) == 5.0
    assert safe_divide(7, 2) == 3.5
    assert safe_divide(-9, 3) == -3.0


def test_zeros():
    assert safe_divide(5, 0) is None
    assert safe_divide(0, 0) is None
    assert safe_divide(0, 5) == 0.0
