from word_shape import word_shape


def test_word_shape():
    assert word_shape("Hi5!") == "Xxd!"
    assert word_shape("Paris") == "Xxxxx"
    assert word_shape("NASA") == "XXXX"
    assert word_shape("A-1 b") == "X-d x"


def test_digits_and_empty():
    assert word_shape("2024") == "dddd"
    assert word_shape("...") == "..."
    assert word_shape("") == ""
