from numbers_between import numbers_between


def test_numbers_between_normal():
    assert numbers_between(1, 5) == [1, 2, 3, 4, 5]
    assert numbers_between(3, 4) == [3, 4]
    assert numbers_between(-2, 1) == [-2, -1, 0, 1]


def test_numbers_between_edge_cases():
    assert numbers_between(5, 5) == [5]
    assert numbers_between(6, 2) == []
    assert numbers_between(0, 0) == [0]
