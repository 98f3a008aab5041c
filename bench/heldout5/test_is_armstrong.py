from is_armstrong import is_armstrong


def test_armstrong_numbers():
    assert is_armstrong(153) is True
    assert is_armstrong(370) is True
    assert is_armstrong(9474) is True
    assert is_armstrong(154) is False


def test_small_and_round_numbers():
    assert is_armstrong(0) is True
    assert is_armstrong(7) is True
    assert is_armstrong(10) is False
    assert is_armstrong(100) is False
