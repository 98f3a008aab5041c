from subtract_list import subtract_list


def test_subtract_list():
    assert subtract_list([1, 2, 2, 3, 4], [2]) == [1, 3, 4]
    assert subtract_list([5, 1, 2, 3], [3, 1]) == [5, 2]
    assert subtract_list([1, 1], [1]) == []


def test_empty():
    assert subtract_list(["a", "b", "a"], []) == ["a", "b", "a"]
    assert subtract_list([], [1]) == []
