from upper_first_n import upper_first_n


def test_upper_first_n():
    assert upper_first_n("hello", 2) == "HEllo"
    assert upper_first_n("hello world", 5) == "HELLO world"
    assert upper_first_n("abc", 1) == "Abc"
    assert upper_first_n("aBcD", 2) == "ABcD"


def test_zero_long_and_empty():
    assert upper_first_n("abc", 0) == "abc"
    assert upper_first_n("abc", 5) == "ABC"
    assert upper_first_n("", 3) == ""
