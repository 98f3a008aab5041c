from word_lengths import word_lengths


def test_word_lengths():
    assert word_lengths("the quick fox") == [3, 5, 3]
    assert word_lengths("Hello, world!") == [6, 6]
    assert word_lengths("  hi   there ") == [2, 5]


def test_empty():
    assert word_lengths("") == []
    assert word_lengths("   ") == []
