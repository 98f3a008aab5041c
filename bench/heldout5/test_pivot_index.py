from pivot_index import pivot_index


def test_pivot_index():
    assert pivot_index([1, 7, 3, 6, 5, 6]) == 3
    assert pivot_index([2, 1, -1]) == 0
    assert pivot_index([1, -1, 5]) == 2
    assert pivot_index([1, 2, 3]) == -1


def test_edges():
    assert pivot_index([]) == -1
    assert pivot_index([0]) == 0
    assert pivot_index([0, 0, 0]) == 0
