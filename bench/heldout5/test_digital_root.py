import pytest
from digital_root import digital_root


def test_digital_root():
    assert digital_root(493) == 7
    assert digital_root(38) == 2
    assert digital_root(999999999999) == 9
    assert digital_root(9) == 9


def test_zero_and_negative():
    assert digital_root(0) == 0
    assert digital_root(10) == 1
    with pytest.raises(ValueError):
        digital_root(-5)
