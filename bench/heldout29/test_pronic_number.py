from pronic_number import pronic_number


def test_pronic_number_normal():
    assert pronic_number(2) == 6
    assert pronic_number(3) == 12
    assert pronic_number(4) == 20
    assert pronic_number(10) == 110


def test_pronic_number_edge_cases():
    assert pronic_number(0) == 0
    assert pronic_number(1) == 2
    assert pronic_number(100) == 10100
