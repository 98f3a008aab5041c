from golf_term import golf_term


def test_golf_term():
    assert golf_term(3, 4) == "birdie"
    assert golf_term(4, 4) == "par"
    assert golf_term(5, 4) == "bogey"
    assert golf_term(3, 5) == "eagle"


def test_far_off_par():
    assert golf_term(6, 4) == "double bogey"
    assert golf_term(8, 4) == "other"
    assert golf_term(1, 4) == "other"
