from column_maxes import column_maxes


def test_column_maxes():
    assert column_maxes([[1, 5], [3, 2]]) == [3, 5]
    assert column_maxes([[1, 2, 3], [4, 0, 6], [2, 8, 1]]) == [4, 8, 6]
    assert column_maxes([[-1, -5], [-3, -2]]) == [-1, -2]


def test_one_row_or_column():
    assert column_maxes([[7, 2, 9]]) == [7, 2, 9]
    assert column_maxes([[1], [9], [3]]) == [9]
    assert column_maxes([[4]]) == [4]
