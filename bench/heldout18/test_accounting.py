from accounting import accounting


def test_accounting():
    assert accounting(42) == "42"
    assert accounting(-42) == "(42)"
    assert accounting(1000) == "1000"
    assert accounting(-7) == "(7)"


def test_zero_and_small():
    assert accounting(0) == "0"
    assert accounting(-1) == "(1)"
    assert accounting(-100) == "(100)"
