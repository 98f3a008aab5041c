from left_pad import left_pad


def test_left_pad():
    assert left_pad("42", 5, "0") == "00042"
    assert left_pad("7", 2, " ") == " 7"
    assert left_pad("", 3, "-") == "---"


def test_long_enough():
    assert left_pad("abc", 3, "*") == "abc"
    assert left_pad("hello", 2, " ") == "hello"
