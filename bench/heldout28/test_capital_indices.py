from capital_indices import capital_indices


def test_capital_indices_normal():
    assert capital_indices("CodEWaRs") == [0, 3, 4, 6]
    assert capital_indices("helloWorld") == [5]
    assert capital_indices("ABC") == [0, 1, 2]


def test_capital_indices_edge_cases():
    assert capital_indices("") == []
    assert capital_indices("abc 123") == []
    assert capital_indices("a B") == [2]
