import math

from celsius_to_fahrenheit import celsius_to_fahrenheit


def test_conversion():
    assert math.isclose(celsius_to_fahrenheit(0), 32)
    assert math.isclose(celsius_to_fahrenheit(100), 212)
    assert math.isclose(celsius_to_fahrenheit(-40), -40)
    assert math.isclose(celsius_to_fahrenheit(37), 98.6)
