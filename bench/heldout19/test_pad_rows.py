from pad_rows import pad_rows


def test_pad_rows():
    assert pad_rows([[1, 2, 3], [4]], 0) == [[1, 2, 3], [4, 0, 0]]
    assert pad_rows([[1], [2, 3], []], None) == [[1, None], [2, 3], [None, None]]
    assert pad_rows([["a", "b"], ["c", "d"]], ".") == [["a", "b"], ["c", "d"]]


def test_empty_and_unchanged():
    assert pad_rows([], 0) == []
    assert pad_rows([[]], 0) == [[]]
    rows = [[1], [2, 2]]
    assert pad_rows(rows, 0) == [[1, 0], [2, 2]]
    assert rows == [[1], [2, 2]]
