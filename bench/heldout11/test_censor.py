from censor import censor


def test_censor():
    assert censor("bad dog bad", "bad") == "*** dog ***"
    assert censor("badly", "bad") == "***ly"
    assert censor("Bad bad", "bad") == "Bad ***"


def test_empty_and_absent():
    assert censor("", "x") == ""
    assert censor("hello", "xyz") == "hello"
    assert censor("aaaa", "aa") == "****"
