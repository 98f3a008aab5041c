from alphabet_letter import alphabet_letter


def test_alphabet_letter_normal():
    assert alphabet_letter(1) == "a"
    assert alphabet_letter(2) == "b"
    assert alphabet_letter(5) == "e"


def test_alphabet_letter_edge_cases():
    assert alphabet_letter(26) == "z"
    assert alphabet_letter(13) == "m"
    assert alphabet_letter(25) == "y"
