from num_words import num_words


def test_num_words():
    assert num_words("hello world") == 2
    assert num_words("one") == 1
    assert num_words("  a  b   c ") == 3
    assert num_words("a\tb\nc") == 3


def test_no_words():
    assert num_words("") == 0
    assert num_words("   ") == 0
