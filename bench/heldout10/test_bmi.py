import pytest
from bmi import bmi


def test_bmi():
    assert bmi(80, 2) == pytest.approx(20.0)
    assert bmi(72, 1.8) == pytest.approx(22.222222222)
    assert bmi(50, 1) == pytest.approx(50.0)


def test_zero_weight_and_small_height():
    assert bmi(0, 1.5) == 0.0
    assert bmi(10, 0.5) == pytest.approx(40.0)
