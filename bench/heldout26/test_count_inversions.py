from count_inversions import count_inversions


def test_count_inversions_normal():
    assert count_inversions([2, 1]) == 1
    assert count_inversions([3, 1, 2]) == 2
    assert count_inversions([1, 2, 3]) == 0
    assert count_inversions([3, 2, 1]) == 3


def test_count_inversions_edge_cases():
    assert count_inversions([]) == 0
    assert count_inversions([5]) == 0
    assert count_inversions([2, 2, 1]) == 2
