from count_equal_pairs import count_equal_pairs


def test_count_equal_pairs_normal():
    assert count_equal_pairs([1, 2, 3, 1, 1, 3]) == 4
    assert count_equal_pairs([1, 1, 1, 1]) == 6
    assert count_equal_pairs([1, 2, 3]) == 0


def test_count_equal_pairs_edge_cases():
    assert count_equal_pairs([]) == 0
    assert count_equal_pairs([5]) == 0
    assert count_equal_pairs([2, 2]) == 1
    assert count_equal_pairs([-1, 1, -1]) == 1
