from gcd import gcd


def test_gcd():
    assert gcd(12, 18) == 6
    assert gcd(17, 5) == 1
    assert gcd(100, 10) == 10
    assert gcd(7, 7) == 7
    assert gcd(1071, 462) == 21
