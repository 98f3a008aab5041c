from index_of_max import index_of_max


def test_index_of_max():
    assert index_of_max([3, 8, 2, 5]) == 1
    assert index_of_max([7]) == 0
    assert index_of_max([-5, -2, -9]) == 1
    assert index_of_max([1, 2, 3]) == 2


def test_ties_and_empty():
    assert index_of_max([4, 9, 1, 9, 9]) == 1
    assert index_of_max([2, 2]) == 0
    assert index_of_max([]) is None
