import pytest
from harmonic import harmonic


def test_harmonic():
    assert harmonic(1) == pytest.approx(1.0)
    assert harmonic(2) == pytest.approx(1.5)
    assert harmonic(4) == pytest.approx(25 / 12)


def test_zero_and_three():
    assert harmonic(0) == 0.0
    assert harmonic(3) == pytest.approx(11 / 6)
