from is_perfect_square import is_perfect_square


def test_squares():
    assert is_perfect_square(0) is True
    assert is_perfect_square(1) is True
    assert is_perfect_square(16) is True
    assert is_perfect_square(144) is True
    assert is_perfect_square(10**20) is True


def test_not_squares():
    assert is_perfect_square(2) is False
    assert is_perfect_square(15) is False
    assert is_perfect_square(10**20 + 1) is False
    assert is_perfect_square((10**10 + 1) ** 2 - 1) is False
    assert is_perfect_square(-4) is False
