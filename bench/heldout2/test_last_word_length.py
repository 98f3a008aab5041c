from last_word_length import last_word_length


def test_last_word_length():
    assert last_word_length("Hello World") == 5
    assert last_word_length("fly me   to the moon  ") == 4
    assert last_word_length("luffy is still joyboy") == 6
    assert last_word_length("a") == 1


def test_no_words():
    assert last_word_length("") == 0
    assert last_word_length("   ") == 0
