from count_pairs_with_sum import count_pairs_with_sum


def test_count_pairs_with_sum():
    assert count_pairs_with_sum([1, 2, 3, 4], 5) == 2
    assert count_pairs_with_sum([-1, 1, 0, 0], 0) == 2
    assert count_pairs_with_sum([1, 2, 3], 10) == 0


def test_repeats_and_short():
    assert count_pairs_with_sum([1, 1, 1], 2) == 3
    assert count_pairs_with_sum([2, 2], 4) == 1
    assert count_pairs_with_sum([3], 6) == 0
    assert count_pairs_with_sum([], 0) == 0
