from drop_ends import drop_ends


def test_drop_ends():
    assert drop_ends("hello") == "ell"
    assert drop_ends("abc") == "b"
    assert drop_ends("abcd") == "bc"


def test_short_strings():
    assert drop_ends("") == ""
    assert drop_ends("a") == ""
    assert drop_ends("ab") == ""
