from unique_words import unique_words


def test_unique_words():
    assert unique_words("b a b") == ["a", "b"]
    assert unique_words("the cat the dog") == ["cat", "dog", "the"]
    assert unique_words("hi hi!") == ["hi", "hi!"]


def test_case_and_empty():
    assert unique_words("cat Cat") == ["Cat", "cat"]
    assert unique_words("  one\ttwo\none ") == ["one", "two"]
    assert unique_words("") == []
    assert unique_words("   ") == []
