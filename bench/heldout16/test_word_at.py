from word_at import word_at


def test_word_at():
    assert word_at("the cat sat", 1) == "cat"
    assert word_at("the cat sat", 0) == "the"
    assert word_at("the cat sat", 2) == "sat"
    assert word_at("a  b\tc", 2) == "c"


def test_missing_word():
    assert word_at("the cat sat", 3) is None
    assert word_at("", 0) is None
    assert word_at("   ", 0) is None
