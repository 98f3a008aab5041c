from first_half import first_half


def test_first_half():
    assert first_half("abcdef") == "abc"
    assert first_half("hello") == "he"
    assert first_half("xyz") == "x"


def test_short_strings():
    assert first_half("") == ""
    assert first_half("a") == ""
    assert first_half("ab") == "a"
