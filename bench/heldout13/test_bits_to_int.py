from bits_to_int import bits_to_int


def test_bits_to_int():
    assert bits_to_int([1, 0, 1, 1]) == 11
    assert bits_to_int([1, 0, 0, 0]) == 8
    assert bits_to_int([1, 1, 1]) == 7


def test_empty_and_leading_zeros():
    assert bits_to_int([]) == 0
    assert bits_to_int([0]) == 0
    assert bits_to_int([0, 0, 1]) == 1
