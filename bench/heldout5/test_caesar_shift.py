from caesar_shift import caesar_shift


def test_caesar_shift():
    assert caesar_shift("Hello, World!", 3) == "Khoor, Zruog!"
    assert caesar_shift("xyz", 3) == "abc"
    assert caesar_shift("abz", 1) == "bca"


def test_negative_and_large_shifts():
    assert caesar_shift("abc", -1) == "zab"
    assert caesar_shift("Abc", 27) == "Bcd"
    assert caesar_shift("ABC", 26) == "ABC"
    assert caesar_shift("", 5) == ""
