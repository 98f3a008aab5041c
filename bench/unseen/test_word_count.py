from word_count import word_count


def test_word_count():
    assert word_count("") == {}
    assert word_count("the cat and The hat") == {"the": 2, "cat": 1, "and": 1, "hat": 1}
    assert word_count("  a  b\na ") == {"a": 2, "b": 1}
