from zeros_to_end import zeros_to_end


def test_zeros_to_end_normal():
    assert zeros_to_end([0, 1, 0, 3, 12]) == [1, 3, 12, 0, 0]
    assert zeros_to_end([1, 2, 3]) == [1, 2, 3]
    assert zeros_to_end([5, 0, 2]) == [5, 2, 0]


def test_zeros_to_end_edge_cases():
    assert zeros_to_end([]) == []
    assert zeros_to_end([0, 0]) == [0, 0]
    assert zeros_to_end([0, -1, 0, 2]) == [-1, 2, 0, 0]
