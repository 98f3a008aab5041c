from column_number import column_number


def test_single_letter():
    assert column_number("A") == 1
    assert column_number("Z") == 26


def test_several_letters():
    assert column_number("AA") == 27
    assert column_number("BC") == 55
    assert column_number("ZZ") == 702
    assert column_number("AAA") == 703
