from all_even import all_even


def test_all_even():
    assert all_even([2, 4, 6]) is True
    assert all_even([2, 3]) is False
    assert all_even([1]) is False
    assert all_even([8, 10, 11]) is False


def test_zero_negative_and_empty():
    assert all_even([0, -2]) is True
    assert all_even([-3, 4]) is False
    assert all_even([]) is True
