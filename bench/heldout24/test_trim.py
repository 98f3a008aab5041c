from trim import trim


def test_trim():
    assert trim("  hi there  ") == "hi there"
    assert trim("abc") == "abc"
    assert trim("\tx\n") == "x"
    assert trim("a  b ") == "a  b"


def test_blank_and_empty():
    assert trim("   ") == ""
    assert trim("\n") == ""
    assert trim("") == ""
