from split_name import split_name


def test_split_name():
    assert split_name("Ada Lovelace") == {"first": "Ada", "last": "Lovelace"}
    assert split_name("Alan Turing") == {"first": "Alan", "last": "Turing"}
    assert split_name("Jo Li") == {"first": "Jo", "last": "Li"}


def test_case_kept():
    assert split_name("ANNA smith") == {"first": "ANNA", "last": "smith"}
    assert split_name("a b") == {"first": "a", "last": "b"}
    assert split_name("Mary-Jane O'Neil") == {"first": "Mary-Jane", "last": "O'Neil"}
