from swap_values import swap_values


def test_swap_values():
    assert swap_values({"x": 1, "y": 2, "z": 3}, "x", "z") == {"x": 3, "y": 2, "z": 1}
    assert swap_values({"a": "A", "b": "B"}, "a", "b") == {"a": "B", "b": "A"}
    assert list(swap_values({"m": 1, "n": 2, "o": 3}, "o", "m")) == ["m", "n", "o"]


def test_same_key_and_unchanged():
    assert swap_values({"k": 5}, "k", "k") == {"k": 5}
    d = {"p": 1, "q": 2}
    assert swap_values(d, "p", "q") == {"p": 2, "q": 1}
    assert d == {"p": 1, "q": 2}
