from most_frequent import most_frequent


def test_most_frequent():
    assert most_frequent([1, 3, 3, 2, 3, 1]) == 3
    assert most_frequent(["a", "b", "b"]) == "b"
    assert most_frequent([7]) == 7


def test_ties_and_empty():
    assert most_frequent([3, 1, 3, 1]) == 3
    assert most_frequent([5, 4, 4, 5, 6]) == 5
    assert most_frequent([]) is None
