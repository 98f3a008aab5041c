from letter_score import letter_score


def test_letter_score():
    assert letter_score("abc") == 6
    assert letter_score("hello") == 52
    assert letter_score("cab") == 6


def test_empty_and_ends():
    assert letter_score("") == 0
    assert letter_score("a") == 1
    assert letter_score("zz") == 52
