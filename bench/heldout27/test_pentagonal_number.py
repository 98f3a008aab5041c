from pentagonal_number import pentagonal_number


def test_pentagonal_number_normal():
    assert pentagonal_number(1) == 1
    assert pentagonal_number(2) == 5
    assert pentagonal_number(3) == 12
    assert pentagonal_number(4) == 22


def test_pentagonal_number_edge_cases():
    assert pentagonal_number(0) == 0
    assert pentagonal_number(5) == 35
    assert pentagonal_number(10) == 145
