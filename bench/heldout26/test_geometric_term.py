from geometric_term import geometric_term


def test_geometric_term_normal():
    assert geometric_term(3, 2, 1) == 3
    assert geometric_term(3, 2, 4) == 24
    assert geometric_term(1, 10, 3) == 100


def test_geometric_term_edge_cases():
    assert geometric_term(5, -1, 2) == -5
    assert geometric_term(2, 0, 3) == 0
    assert geometric_term(4, 1, 50) == 4
    assert geometric_term(64, 0.5, 3) == 16
