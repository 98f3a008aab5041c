import pytest
from hamming_distance import hamming_distance


def test_hamming_distance():
    assert hamming_distance("karolin", "kathrin") == 3
    assert hamming_distance("1011101", "1001001") == 2
    assert hamming_distance("abc", "abc") == 0
    assert hamming_distance("", "") == 0


def test_unequal_lengths():
    with pytest.raises(ValueError):
        hamming_distance("abc", "ab")
    with pytest.raises(ValueError):
        hamming_distance("", "a")
