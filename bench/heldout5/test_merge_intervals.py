from merge_intervals import merge_intervals


def test_merge_intervals():
    assert merge_intervals([[1, 3], [2, 6], [8, 10]]) == [[1, 6], [8, 10]]
    assert merge_intervals([[1, 10], [2, 3]]) == [[1, 10]]
    assert merge_intervals([[4, 5], [1, 2]]) == [[1, 2], [4, 5]]


def test_touching_and_empty():
    assert merge_intervals([[1, 2], [2, 3]]) == [[1, 3]]
    assert merge_intervals([[3, 3]]) == [[3, 3]]
    assert merge_intervals([]) == []
