from century import century


def test_century():
    assert century(1999) == 20
    assert century(2024) == 21
    assert century(1066) == 11
    assert century(1901) == 20


def test_edges():
    assert century(1) == 1
    assert century(100) == 1
    assert century(101) == 2
    assert century(1900) == 19
    assert century(2000) == 20
