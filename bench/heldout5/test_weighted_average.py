import pytest
from weighted_average import weighted_average


def test_weighted_average():
    assert weighted_average([1, 2, 3], [1, 1, 1]) == 2.0
    assert weighted_average([10, 20], [3, 1]) == 12.5
    assert weighted_average([5], [2]) == 5.0


def test_zero_weights_and_mismatch():
    assert weighted_average([], []) is None
    assert weighted_average([1, 2], [0, 0]) is None
    with pytest.raises(ValueError):
        weighted_average([1, 2], [1])
