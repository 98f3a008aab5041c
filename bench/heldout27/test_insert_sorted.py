from insert_sorted import insert_sorted


def test_insert_sorted_normal():
    assert insert_sorted([1, 3, 5], 4) == [1, 3, 4, 5]
    assert insert_sorted([1, 3, 5], 0) == [0, 1, 3, 5]
    assert insert_sorted([1, 3, 5], 9) == [1, 3, 5, 9]


def test_insert_sorted_edge_cases():
    assert insert_sorted([], 2) == [2]
    assert insert_sorted([2, 2], 2) == [2, 2, 2]
    assert insert_sorted([-3, -1], -2) == [-3, -2, -1]
