from repeated_word import repeated_word


def test_repeated_word():
    assert repeated_word("I saw the the cat") is True
    assert repeated_word("a b a b") is False
    assert repeated_word("go  go") is True
    assert repeated_word("The the end") is False


def test_empty_and_one_word():
    assert repeated_word("") is False
    assert repeated_word("word") is False
    assert repeated_word("x\tx") is True
