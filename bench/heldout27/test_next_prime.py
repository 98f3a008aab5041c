from next_prime import next_prime


def test_next_prime_normal():
    assert next_prime(7) == 11
    assert next_prime(10) == 11
    assert next_prime(13) == 17
    assert next_prime(2) == 3


def test_next_prime_edge_cases():
    assert next_prime(1) == 2
    assert next_prime(0) == 2
    assert next_prime(-5) == 2
    assert next_prime(89) == 97
