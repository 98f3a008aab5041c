from swap_chars import swap_chars


def test_swap_chars_normal():
    assert swap_chars("abc", "a", "b") == "bac"
    assert swap_chars("banana", "a", "n") == "bnanan"
    assert swap_chars("hello", "l", "o") == "heool"


def test_swap_chars_edge_cases():
    assert swap_chars("", "x", "y") == ""
    assert swap_chars("xyz", "p", "q") == "xyz"
    assert swap_chars("Aa", "a", "b") == "Ab"
