from years_to_adult import years_to_adult


def test_years_to_adult():
    assert years_to_adult(10) == 8
    assert years_to_adult(17) == 1
    assert years_to_adult(0) == 18


def test_adults():
    assert years_to_adult(18) == 0
    assert years_to_adult(19) == 0
    assert years_to_adult(30) == 0
    assert years_to_adult(100) == 0
