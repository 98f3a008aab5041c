from cycle_to_length import cycle_to_length


def test_cycle_to_length():
    assert cycle_to_length("abc", 7) == "abcabca"
    assert cycle_to_length("ab", 4) == "abab"
    assert cycle_to_length("a", 3) == "aaa"


def test_zero_and_exact():
    assert cycle_to_length("abc", 0) == ""
    assert cycle_to_length("abc", 3) == "abc"
    assert cycle_to_length("hi", 1) == "h"
    assert cycle_to_length("ab ", 5) == "ab ab"
