from lucas_number import lucas_number


def test_lucas_number_normal():
    assert lucas_number(2) == 3
    assert lucas_number(5) == 11
    assert lucas_number(6) == 18
    assert lucas_number(10) == 123


def test_lucas_number_edge_cases():
    assert lucas_number(0) == 2
    assert lucas_number(1) == 1
    assert lucas_number(3) == 4
