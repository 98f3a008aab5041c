from hexagonal_number import hexagonal_number


def test_hexagonal_number_normal():
    assert hexagonal_number(2) == 6
    assert hexagonal_number(3) == 15
    assert hexagonal_number(4) == 28
    assert hexagonal_number(10) == 190


def test_hexagonal_number_edge_cases():
    assert hexagonal_number(0) == 0
    assert hexagonal_number(1) == 1
    assert hexagonal_number(100) == 19900
