from repeat_string import repeat_string


def test_repeat_string():
    assert repeat_string("ab", 3) == "ababab"
    assert repeat_string("x", 1) == "x"
    assert repeat_string("hi ", 2) == "hi hi "


def test_zero_negative_and_empty():
    assert repeat_string("ab", 0) == ""
    assert repeat_string("ab", -2) == ""
    assert repeat_string("", 5) == ""
