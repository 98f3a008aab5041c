from power import power


def test_power():
    assert power(2, 3) == 8
    assert power(3, 2) == 9
    assert power(5, 1) == 5
    assert power(10, 3) == 1000


def test_zero_exponent_and_signs():
    assert power(7, 0) == 1
    assert power(0, 0) == 1
    assert power(0, 3) == 0
    assert power(-2, 3) == -8
