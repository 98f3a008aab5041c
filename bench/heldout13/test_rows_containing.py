from rows_containing import rows_containing


def test_rows_containing():
    assert rows_containing([[1, 2], [3], [2, 2]], 2) == [0, 2]
    assert rows_containing([["a"], ["b"]], "b") == [1]
    assert rows_containing([[1], [2]], 3) == []


def test_empty_and_repeats():
    assert rows_containing([], 1) == []
    assert rows_containing([[], [0]], 0) == [1]
    assert rows_containing([[5, 5, 5]], 5) == [0]
