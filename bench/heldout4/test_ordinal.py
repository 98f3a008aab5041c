from ordinal import ordinal


def test_ordinal():
    assert ordinal(1) == "1st"
    assert ordinal(22) == "22nd"
    assert ordinal(3) == "3rd"
    assert ordinal(101) == "101st"


def test_th():
    assert ordinal(11) == "11th"
    assert ordinal(12) == "12th"
    assert ordinal(113) == "113th"
    assert ordinal(0) == "0th"
