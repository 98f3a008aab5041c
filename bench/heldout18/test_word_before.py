from word_before import word_before


def test_word_before():
    assert word_before(["a", "b", "c"], "c") == "b"
    assert word_before(["red", "green", "blue"], "green") == "red"
    assert word_before(["one", "two", "two"], "two") == "one"


def test_first_missing_and_empty():
    assert word_before([], "a") is None
    assert word_before(["a", "b"], "a") is None
    assert word_before(["a", "b"], "z") is None
    assert word_before(["p", "q", "p"], "p") is None
