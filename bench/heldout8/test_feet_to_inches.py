from feet_to_inches import feet_to_inches


def test_feet_to_inches():
    assert feet_to_inches(3) == 36
    assert feet_to_inches(1) == 12
    assert feet_to_inches(10) == 120


def test_zero_and_fractions():
    assert feet_to_inches(0) == 0
    assert feet_to_inches(1.5) == 18.0
    assert feet_to_inches(0.25) == 3.0
