from word_chain import word_chain


def test_word_chain():
    assert word_chain("apple", "egg") is True
    assert word_chain("egg", "goat") is True
    assert word_chain("cat", "dog") is False
    assert word_chain("Tom", "Mary") is False


def test_empty_and_single():
    assert word_chain("", "egg") is False
    assert word_chain("apple", "") is False
    assert word_chain("", "") is False
    assert word_chain("a", "a") is True
