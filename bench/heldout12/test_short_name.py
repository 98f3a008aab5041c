from short_name import short_name


def test_short_name():
    assert short_name("Ada King Lovelace") == "A. Lovelace"
    assert short_name("Alan Turing") == "A. Turing"
    assert short_name("grace hopper") == "g. hopper"


def test_short_and_many_words():
    assert short_name("J R R Tolkien") == "J. Tolkien"
    assert short_name("Bo Li") == "B. Li"
    assert short_name("Mary Ann Evans") == "M. Evans"
