from remainder import remainder


def test_remainder_normal():
    assert remainder(10, 3) == 1
    assert remainder(17, 5) == 2
    assert remainder(9, 4) == 1


def test_remainder_edge_cases():
    assert remainder(9, 3) == 0
    assert remainder(2, 5) == 2
    assert remainder(0, 7) == 0
    assert remainder(5, 1) == 0
