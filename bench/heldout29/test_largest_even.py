from largest_even import largest_even


def test_largest_even_normal():
    assert largest_even([1, 2, 3, 4, 5]) == 4
    assert largest_even([10, 3, 8]) == 10
    assert largest_even([7, 6, 12, 1]) == 12


def test_largest_even_edge_cases():
    assert largest_even([]) is None
    assert largest_even([1, 3, 5]) is None
    assert largest_even([-4, -2, -7]) == -2
    assert largest_even([0, -1]) == 0
