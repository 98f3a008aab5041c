from is_coprime import is_coprime


def test_is_coprime_normal():
    assert is_coprime(8, 15) is True
    assert is_coprime(12, 18) is False
    assert is_coprime(7, 13) is True


def test_is_coprime_edge_cases():
    assert is_coprime(1, 1) is True
    assert is_coprime(1, 10) is True
    assert is_coprime(6, 6) is False
    assert is_coprime(14, 21) is False
