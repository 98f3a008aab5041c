from list_sum import list_sum


def test_list_sum_normal():
    assert list_sum([1, 2, 3]) == 6
    assert list_sum([10, -4]) == 6
    assert list_sum([5]) == 5


def test_list_sum_edge_cases():
    assert list_sum([]) == 0
    assert list_sum([-1, -2, -3]) == -6
    assert list_sum([1.5, 2.5]) == 4
    assert list_sum([0, 0]) == 0
