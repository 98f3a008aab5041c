from abbreviate import abbreviate


def test_abbreviate():
    assert abbreviate("internationalization") == "i18n"
    assert abbreviate("hello") == "h3o"
    assert abbreviate("cat") == "c1t"


def test_short_words():
    assert abbreviate("ab") == "ab"
    assert abbreviate("a") == "a"
    assert abbreviate("") == ""
