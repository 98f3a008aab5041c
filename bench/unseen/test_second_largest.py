from second_largest import second_largest


def test_second_largest():
    assert second_largest([3, 1, 4, 1, 5, 9]) == 5
    assert second_largest([10, 10, 9]) == 9
    assert second_largest([-2, -1]) == -2


def test_none():
    assert second_largest([]) is None
    assert second_largest([7]) is None
    assert second_largest([7, 7, 7]) is None
