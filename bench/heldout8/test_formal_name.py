from formal_name import formal_name


def test_formal_name():
    assert formal_name("Ada", "Lovelace") == "Lovelace, Ada"
    assert formal_name("John", "Smith") == "Smith, John"
    assert formal_name("Li", "Wu") == "Wu, Li"


def test_short_and_long_names():
    assert formal_name("A", "B") == "B, A"
    assert formal_name("Mary Ann", "Evans") == "Evans, Mary Ann"
