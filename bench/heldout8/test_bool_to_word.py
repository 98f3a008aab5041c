from bool_to_word import bool_to_word


def test_bool_to_word():
    assert bool_to_word(True) == "Yes"
    assert bool_to_word(False) == "No"


def test_from_comparisons():
    assert bool_to_word(1 < 2) == "Yes"
    assert bool_to_word(3 > 5) == "No"
