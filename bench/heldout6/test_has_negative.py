from has_negative import has_negative


def test_has_negative():
    assert has_negative([1, -2, 3]) is True
    assert has_negative([1, 2, 3]) is False
    assert has_negative([-5]) is True


def test_empty_and_zeros():
    assert has_negative([]) is False
    assert has_negative([0, 0]) is False
