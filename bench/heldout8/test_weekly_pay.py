from weekly_pay import weekly_pay


def test_weekly_pay():
    assert weekly_pay(10, 20) == 200
    assert weekly_pay(40, 10) == 400
    assert weekly_pay(0, 15) == 0


def test_overtime():
    assert weekly_pay(45, 10) == 475
    assert weekly_pay(41, 20) == 830
    assert weekly_pay(50, 2) == 110
