from count_positives import count_positives


def test_count_positives():
    assert count_positives([3, -1, 0, 5]) == 2
    assert count_positives([1, 2, 3]) == 3
    assert count_positives([-4, -2]) == 0
    assert count_positives([2.5, -0.5]) == 1


def test_zeros_and_empty():
    assert count_positives([0, 0]) == 0
    assert count_positives([0, 7]) == 1
    assert count_positives([]) == 0
