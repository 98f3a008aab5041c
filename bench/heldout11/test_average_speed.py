import pytest
from average_speed import average_speed


def test_average_speed():
    assert average_speed(60, 60) == pytest.approx(60.0)
    assert average_speed(10, 30) == pytest.approx(20.0)
    assert average_speed(5, 20) == pytest.approx(15.0)


def test_zero_distance_and_fractions():
    assert average_speed(0, 15) == 0.0
    assert average_speed(1.5, 90) == pytest.approx(1.0)
    assert average_speed(42.195, 120) == pytest.approx(21.0975)
