from last_of_each import last_of_each


def test_last_of_each():
    assert last_of_each([[1, 2], [3], [4, 5, 6]]) == [2, 3, 6]
    assert last_of_each([["a", "b"]]) == ["b"]
    assert last_of_each([[1], [2]]) == [1, 2]


def test_empty_rows():
    assert last_of_each([]) == []
    assert last_of_each([[], [1]]) == [1]
    assert last_of_each([[]]) == []
