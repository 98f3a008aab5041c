from count_divisors import count_divisors


def test_count_divisors():
    assert count_divisors(1) == 1
    assert count_divisors(7) == 2
    assert count_divisors(12) == 6
    assert count_divisors(36) == 9
    assert count_divisors(100) == 9
