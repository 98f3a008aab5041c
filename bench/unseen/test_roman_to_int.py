from roman_to_int import roman_to_int


def test_roman():
    assert roman_to_int("I") == 1
    assert roman_to_int("XIV") == 14
    assert roman_to_int("XL") == 40
    assert roman_to_int("MCMXCIV") == 1994
    assert roman_to_int("MMXXIV") == 2024
