from last_even import last_even


def test_last_even():
    assert last_even([1, 2, 3, 4, 5]) == 4
    assert last_even([2, 7, 9]) == 2
    assert last_even([6, 8]) == 8
    assert last_even([3, -4, 5]) == -4


def test_zero_none_and_empty():
    assert last_even([0, 1]) == 0
    assert last_even([1, 3]) is None
    assert last_even([]) is None
