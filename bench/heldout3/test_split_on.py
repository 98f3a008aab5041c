from split_on import split_on


def test_split_on():
    assert split_on([1, 0, 2, 3, 0, 4], 0) == [[1], [2, 3], [4]]
    assert split_on([1, 2], 0) == [[1, 2]]
    assert split_on(["a", "-", "-", "b"], "-") == [["a"], [], ["b"]]


def test_empty_pieces():
    assert split_on([0], 0) == [[], []]
    assert split_on([0, 1, 0], 0) == [[], [1], []]
    assert split_on([], 0) == [[]]
