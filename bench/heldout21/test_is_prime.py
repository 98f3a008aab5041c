from is_prime import is_prime


def test_is_prime():
    assert is_prime(2) is True
    assert is_prime(13) is True
    assert is_prime(97) is True
    assert is_prime(15) is False
    assert is_prime(91) is False


def test_squares_and_small():
    assert is_prime(9) is False
    assert is_prime(49) is False
    assert is_prime(1) is False
    assert is_prime(0) is False
    assert is_prime(-7) is False
