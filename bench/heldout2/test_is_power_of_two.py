from is_power_of_two import is_power_of_two


def test_powers():
    assert is_power_of_two(1) is True
    assert is_power_of_two(2) is True
    assert is_power_of_two(64) is True
    assert is_power_of_two(1024) is True


def test_not_powers():
    assert is_power_of_two(6) is False
    assert is_power_of_two(0) is False
    assert is_power_of_two(-4) is False
