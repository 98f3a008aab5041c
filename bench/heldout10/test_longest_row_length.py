from longest_row_length import longest_row_length


def test_longest_row_length():
    assert longest_row_length([[1, 2], [3, 4, 5]]) == 3
    assert longest_row_length([[1, 2, 3], [4]]) == 3
    assert longest_row_length([[1]]) == 1


def test_empty():
    assert longest_row_length([]) == 0
    assert longest_row_length([[], []]) == 0
    assert longest_row_length([[], ["a", "b"], []]) == 2
