from double_each import double_each


def test_double_each():
    assert double_each([1, 2, 3]) == [2, 4, 6]
    assert double_each([-4, 0]) == [-8, 0]
    assert double_each([10]) == [20]


def test_empty():
    assert double_each([]) == []
    assert double_each([5, 5]) == [10, 10]
