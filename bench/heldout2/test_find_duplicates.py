from find_duplicates import find_duplicates


def test_find_duplicates():
    assert find_duplicates([1, 2, 3, 2, 1]) == [1, 2]
    assert find_duplicates([5, 5, 5]) == [5]
    assert find_duplicates(["b", "a", "b", "a"]) == ["b", "a"]
    assert find_duplicates([3, 1, 1, 3]) == [3, 1]


def test_no_duplicates():
    assert find_duplicates([]) == []
    assert find_duplicates([1, 2, 3]) == []
