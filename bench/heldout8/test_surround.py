from surround import surround


def test_surround():
    assert surround("hi", "*") == "*hi*"
    assert surround("cat", "--") == "--cat--"


def test_empty_parts():
    assert surround("", "#") == "##"
    assert surround("x", "") == "x"
    assert surround("ab", "<>") == "<>ab<>"
