from swap_halves import swap_halves


def test_swap_halves():
    assert swap_halves("abcdef") == "defabc"
    assert swap_halves("hello") == "llohe"
    assert swap_halves("abc") == "bca"


def test_short():
    assert swap_halves("") == ""
    assert swap_halves("x") == "x"
    assert swap_halves("ab") == "ba"
    assert swap_halves("aa") == "aa"
