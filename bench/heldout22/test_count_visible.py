from count_visible import count_visible


def test_count_visible():
    assert count_visible([3, 1, 4, 2, 5]) == 3
    assert count_visible([1, 2, 3]) == 3
    assert count_visible([5, 4, 3]) == 1
    assert count_visible([2, 7, 7, 8]) == 3


def test_equal_and_empty():
    assert count_visible([3, 3, 3]) == 1
    assert count_visible([4]) == 1
    assert count_visible([]) == 0
