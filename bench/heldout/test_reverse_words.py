from reverse_words import reverse_words


def test_reverse_words():
    assert reverse_words("hello world") == "world hello"
    assert reverse_words("one two three") == "three two one"
    assert reverse_words("  lots   of  space ") == "space of lots"
    assert reverse_words("single") == "single"


def test_empty():
    assert reverse_words("") == ""
    assert reverse_words("   ") == ""
