from dog_years import dog_years


def test_dog_years():
    assert dog_years(4) == 34
    assert dog_years(3) == 29
    assert dog_years(10) == 64


def test_first_years():
    assert dog_years(0) == 0
    assert dog_years(1) == 15
    assert dog_years(2) == 24
