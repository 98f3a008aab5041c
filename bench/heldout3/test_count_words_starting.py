from count_words_starting import count_words_starting


def test_count_words_starting():
    assert count_words_starting("Sally sells sea shells", "s") == 4
    assert count_words_starting("Apple and banana", "a") == 2
    assert count_words_starting("apple Avocado", "A") == 2


def test_no_match():
    assert count_words_starting("banana  cabana", "a") == 0
    assert count_words_starting("", "x") == 0
