from tetrahedral_number import tetrahedral_number


def test_tetrahedral_number_normal():
    assert tetrahedral_number(3) == 10
    assert tetrahedral_number(5) == 35
    assert tetrahedral_number(10) == 220


def test_tetrahedral_number_edge_cases():
    assert tetrahedral_number(0) == 0
    assert tetrahedral_number(1) == 1
    assert tetrahedral_number(2) == 4
