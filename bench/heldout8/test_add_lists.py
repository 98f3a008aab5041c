from add_lists import add_lists


def test_add_lists():
    assert add_lists([1, 2], [10, 20]) == [11, 22]
    assert add_lists([1, 2, 3], [4, 5, 6]) == [5, 7, 9]


def test_empty_and_cancelling():
    assert add_lists([], []) == []
    assert add_lists([-1, 1], [1, -1]) == [0, 0]
    a = [1, 2]
    add_lists(a, [3, 4])
    assert a == [1, 2]
