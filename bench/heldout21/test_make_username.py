from make_username import make_username


def test_make_username():
    assert make_username("Ada", "Lovelace") == "alovelace"
    assert make_username("john", "SMITH") == "jsmith"
    assert make_username("Mary Ann", "Lee") == "mlee"


def test_short_and_spaces():
    assert make_username("X", "Y") == "xy"
    assert make_username("Bo", "Van Dyke") == "bvan dyke"
    assert make_username("a", "b") == "ab"
