from greet import greet


def test_greet():
    assert greet("Bob") == "Hello, Bob!"
    assert greet("Ann") == "Hello, Ann!"
    assert greet("World") == "Hello, World!"


def test_odd_names():
    assert greet("") == "Hello, !"
    assert greet("a b") == "Hello, a b!"
