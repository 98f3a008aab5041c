from hide_digits import hide_digits


def test_hide_digits():
    assert hide_digits("pin 1234") == "pin ####"
    assert hide_digits("a1b2") == "a#b#"
    assert hide_digits("no digits") == "no digits"


def test_empty_and_all_digits():
    assert hide_digits("") == ""
    assert hide_digits("007") == "###"
    assert hide_digits("2024-01-05") == "####-##-##"
