from split_bill import split_bill


def test_split_bill():
    assert split_bill(100, 4) == 25.0
    assert split_bill(10, 3) == 3.33
    assert split_bill(20, 3) == 6.67


def test_one_person_and_zero():
    assert split_bill(50, 1) == 50.0
    assert split_bill(0, 5) == 0.0
    assert split_bill(7, 2) == 3.5
