from append_column import append_column


def test_append_column():
    assert append_column([[1, 2], [3, 4]], 0) == [[1, 2, 0], [3, 4, 0]]
    assert append_column([["a"]], "b") == [["a", "b"]]
    assert append_column([[], [1]], 9) == [[9], [1, 9]]


def test_empty_and_unchanged():
    assert append_column([], 1) == []
    rows = [[1], [2]]
    assert append_column(rows, 3) == [[1, 3], [2, 3]]
    assert rows == [[1], [2]]
