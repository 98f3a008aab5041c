from invert_case import invert_case


def test_invert_case():
    assert invert_case("Hello") == "hELLO"
    assert invert_case("aBc") == "AbC"
    assert invert_case("Hi there!") == "hI THERE!"


def test_other_chars_and_empty():
    assert invert_case("123 ?!") == "123 ?!"
    assert invert_case("ABC def") == "abc DEF"
    assert invert_case("") == ""
