from first_word import first_word


def test_first_word():
    assert first_word("hello world") == "hello"
    assert first_word("  lead space") == "lead"
    assert first_word("a\tb") == "a"


def test_no_words_and_newline():
    assert first_word("") == ""
    assert first_word("   ") == ""
    assert first_word("\nx y") == "x"
