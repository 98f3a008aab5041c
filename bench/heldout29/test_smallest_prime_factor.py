from smallest_prime_factor import smallest_prime_factor


def test_smallest_prime_factor_normal():
    assert smallest_prime_factor(91) == 7
    assert smallest_prime_factor(12) == 2
    assert smallest_prime_factor(15) == 3
    assert smallest_prime_factor(35) == 5


def test_smallest_prime_factor_edge_cases():
    assert smallest_prime_factor(2) == 2
    assert smallest_prime_factor(97) == 97
    assert smallest_prime_factor(49) == 7
    assert smallest_prime_factor(121) == 11
