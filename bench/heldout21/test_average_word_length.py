from average_word_length import average_word_length


def test_average_word_length():
    assert average_word_length("hi there") == 3.5
    assert average_word_length("a bb ccc") == 2.0
    assert average_word_length("one") == 3.0
    assert average_word_length("Hi, you!") == 3.5


def test_spaces_and_empty():
    assert average_word_length("  spaced   out  ") == 4.5
    assert average_word_length("") == 0.0
    assert average_word_length("   ") == 0.0
