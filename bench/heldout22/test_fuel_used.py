from fuel_used import fuel_used


def test_fuel_used():
    assert fuel_used(200, 5) == 10.0
    assert fuel_used(50, 8) == 4.0
    assert fuel_used(150, 6) == 9.0
    assert fuel_used(300, 7.5) == 22.5


def test_small_and_zero():
    assert fuel_used(25, 4) == 1.0
    assert fuel_used(100, 4) == 4.0
    assert fuel_used(0, 6) == 0.0
