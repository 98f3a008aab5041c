from drop_last_word import drop_last_word


def test_drop_last_word():
    assert drop_last_word("the quick fox") == "the quick"
    assert drop_last_word("hello world") == "hello"
    assert drop_last_word("a b c d") == "a b c"


def test_empty_and_extra_spaces():
    assert drop_last_word("") == ""
    assert drop_last_word("solo") == ""
    assert drop_last_word("  one   two  ") == "one"
    assert drop_last_word("x\ty\nz") == "x y"
