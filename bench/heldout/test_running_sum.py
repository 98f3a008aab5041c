from running_sum import running_sum


def test_running_sum():
    assert running_sum([1, 2, 3, 4]) == [1, 3, 6, 10]
    assert running_sum([5]) == [5]
    assert running_sum([3, -1, -2, 4]) == [3, 2, 0, 4]
    assert running_sum([0, 0, 0]) == [0, 0, 0]


def test_empty():
    assert running_sum([]) == []
