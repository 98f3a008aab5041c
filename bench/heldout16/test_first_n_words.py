from first_n_words import first_n_words


def test_first_n_words():
    assert first_n_words("one two three", 2) == "one two"
    assert first_n_words("one two three", 3) == "one two three"
    assert first_n_words("one two three", 5) == "one two three"
    assert first_n_words("a\tb\n  c", 2) == "a b"


def test_zero_and_empty():
    assert first_n_words("one two", 0) == ""
    assert first_n_words("", 3) == ""
    assert first_n_words("   ", 1) == ""
