from row_sums import row_sums


def test_row_sums():
    assert row_sums([[1, 2], [3, 4]]) == [3, 7]
    assert row_sums([[5]]) == [5]
    assert row_sums([[1, -1, 2], [0.5, 0.5]]) == [2, 1.0]


def test_empty_rows():
    assert row_sums([]) == []
    assert row_sums([[], [1]]) == [0, 1]
