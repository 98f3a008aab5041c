from arithmetic_term import arithmetic_term


def test_arithmetic_term_normal():
    assert arithmetic_term(2, 3, 1) == 2
    assert arithmetic_term(2, 3, 4) == 11
    assert arithmetic_term(0, 5, 3) == 10


def test_arithmetic_term_edge_cases():
    assert arithmetic_term(10, -2, 6) == 0
    assert arithmetic_term(7, 0, 100) == 7
    assert arithmetic_term(1.5, 0.5, 3) == 2.5
