from reverse_integer import reverse_integer


def test_reverse_integer():
    assert reverse_integer(123) == 321
    assert reverse_integer(7) == 7
    assert reverse_integer(1200) == 21
    assert reverse_integer(0) == 0


def test_negative():
    assert reverse_integer(-456) == -654
    assert reverse_integer(-10) == -1
