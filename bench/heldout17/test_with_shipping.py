from with_shipping import with_shipping


def test_with_shipping():
    assert with_shipping(30) == 35
    assert with_shipping(10) == 15
    assert with_shipping(120) == 120


def test_threshold_and_zero():
    assert with_shipping(49) == 54
    assert with_shipping(50) == 50
    assert with_shipping(51) == 51
    assert with_shipping(0) == 5
