from column_of import column_of


def test_column_of():
    assert column_of([[1, 2], [3, 4]], 0) == [1, 3]
    assert column_of([[1, 2], [3, 4]], 1) == [2, 4]
    assert column_of([["a", "b", "c"]], 2) == ["c"]


def test_empty_and_uneven():
    assert column_of([], 0) == []
    assert column_of([[1, 2], [3]], 0) == [1, 3]
    assert column_of([[1, 2, 3], [4, 5, 6], [7, 8, 9]], 2) == [3, 6, 9]
