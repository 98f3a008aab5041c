from merge_sorted import merge_sorted


def test_merge():
    assert merge_sorted([], []) == []
    assert merge_sorted([1, 4, 9], []) == [1, 4, 9]
    assert merge_sorted([1, 3, 5], [2, 4, 6]) == [1, 2, 3, 4, 5, 6]
    assert merge_sorted([1, 1, 2], [1, 3]) == [1, 1, 1, 2, 3]
    assert merge_sorted([-5, 0], [-10, 10]) == [-10, -5, 0, 10]
