from late_fee import late_fee


def test_late_fee():
    assert late_fee(3) == 6
    assert late_fee(1) == 2
    assert late_fee(9) == 18


def test_cap_and_on_time():
    assert late_fee(10) == 20
    assert late_fee(11) == 20
    assert late_fee(50) == 20
    assert late_fee(0) == 0
    assert late_fee(-2) == 0
