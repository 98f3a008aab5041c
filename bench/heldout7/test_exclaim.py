from exclaim import exclaim


def test_exclaim():
    assert exclaim("hi") == "HI!"
    assert exclaim("Hello") == "HELLO!"
    assert exclaim("ok go") == "OK GO!"


def test_empty_and_mixed():
    assert exclaim("") == "!"
    assert exclaim("a1b") == "A1B!"
