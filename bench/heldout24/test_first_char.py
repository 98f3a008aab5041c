from first_char import first_char


def test_first_char():
    assert first_char("hello") == "h"
    assert first_char("A") == "A"
    assert first_char("123") == "1"
    assert first_char("xyz") == "x"


def test_space_and_empty():
    assert first_char(" x") == " "
    assert first_char("!?") == "!"
    assert first_char("") == ""
