from capitalize_words import capitalize_words


def test_capitalize_words():
    assert capitalize_words("hello wORLD") == "Hello World"
    assert capitalize_words("python") == "Python"
    assert capitalize_words("don't stop") == "Don't Stop"
    assert capitalize_words("a  b ") == "A  B "
    assert capitalize_words("") == ""
