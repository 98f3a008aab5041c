from first_and_last import first_and_last


def test_first_and_last():
    assert first_and_last("hello") == "ho"
    assert first_and_last("ab") == "ab"
    assert first_and_last("python") == "pn"


def test_short_strings():
    assert first_and_last("") == ""
    assert first_and_last("x") == "xx"
    assert first_and_last("aa") == "aa"
