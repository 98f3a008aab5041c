from letter_grade import letter_grade


def test_letter_grade():
    assert letter_grade(95) == "A"
    assert letter_grade(85) == "B"
    assert letter_grade(75) == "C"
    assert letter_grade(65) == "D"


def test_boundaries():
    assert letter_grade(90) == "A"
    assert letter_grade(89.5) == "B"
    assert letter_grade(60) == "D"
    assert letter_grade(59) == "F"
    assert letter_grade(0) == "F"
    assert letter_grade(100) == "A"
