from underline import underline


def test_underline():
    assert underline("Title") == "Title\n-----"
    assert underline("x") == "x\n-"
    assert underline("Hi!") == "Hi!\n---"


def test_empty_and_spaces():
    assert underline("") == "\n"
    assert underline("ab c") == "ab c\n----"
    assert underline("a ") == "a \n--"
