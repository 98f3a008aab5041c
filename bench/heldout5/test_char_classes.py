from char_classes import char_classes


def test_char_classes():
    assert char_classes("ab 12!") == {"letters": 2, "digits": 2, "spaces": 1, "other": 1}
    assert char_classes("Hi, you!") == {"letters": 5, "digits": 0, "spaces": 1, "other": 2}
    assert char_classes("\u00dcn\u00ef") == {"letters": 3, "digits": 0, "spaces": 0, "other": 0}


def test_empty_and_whitespace():
    assert char_classes("") == {"letters": 0, "digits": 0, "spaces": 0, "other": 0}
    assert char_classes("\t\n ") == {"letters": 0, "digits": 0, "spaces": 3, "other": 0}
