from catalan_number import catalan_number


def test_catalan_number_normal():
    assert catalan_number(3) == 5
    assert catalan_number(4) == 14
    assert catalan_number(5) == 42
    assert catalan_number(2) == 2


def test_catalan_number_edge_cases():
    assert catalan_number(0) == 1
    assert catalan_number(1) == 1
    assert catalan_number(10) == 16796
