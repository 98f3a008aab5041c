from alternating_sum import alternating_sum


def test_alternating_sum():
    assert alternating_sum([5, 3, 2]) == 4
    assert alternating_sum([10, 4]) == 6
    assert alternating_sum([1, 2, 3, 4]) == -2


def test_empty_and_short():
    assert alternating_sum([]) == 0
    assert alternating_sum([7]) == 7
    assert alternating_sum([-1, -1, -1]) == -1
