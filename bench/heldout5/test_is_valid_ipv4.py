from is_valid_ipv4 import is_valid_ipv4


def test_valid_addresses():
    assert is_valid_ipv4("192.168.0.1") is True
    assert is_valid_ipv4("0.0.0.0") is True
    assert is_valid_ipv4("255.255.255.255") is True


def test_invalid_addresses():
    assert is_valid_ipv4("256.1.1.1") is False
    assert is_valid_ipv4("1.2.3") is False
    assert is_valid_ipv4("01.2.3.4") is False
    assert is_valid_ipv4("1..2.3") is False
