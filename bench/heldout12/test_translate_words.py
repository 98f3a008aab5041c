from translate_words import translate_words


def test_translate_words():
    assert translate_words(["hi", "bob"], {"hi": "hola"}) == ["hola", "bob"]
    assert translate_words(["a", "b", "a"], {"a": "x", "b": "y"}) == ["x", "y", "x"]
    assert translate_words(["cat"], {"dog": "perro"}) == ["cat"]


def test_empty_and_case():
    assert translate_words([], {"a": "b"}) == []
    assert translate_words(["a"], {}) == ["a"]
    assert translate_words(["hi", "Hi"], {"hi": "yo"}) == ["yo", "Hi"]
