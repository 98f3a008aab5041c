from first_repeated_char import first_repeated_char


def test_first_repeated_char():
    assert first_repeated_char("abcba") == "b"
    assert first_repeated_char("hello") == "l"
    assert first_repeated_char("abca") == "a"
    assert first_repeated_char("dbcabd") == "b"


def test_no_repeat():
    assert first_repeated_char("abc") == ""
    assert first_repeated_char("aA") == ""
    assert first_repeated_char("") == ""
    assert first_repeated_char("xyzzyx") == "z"
