from highest_floor import highest_floor


def test_highest_floor():
    assert highest_floor([2, 3, -4, 1]) == 5
    assert highest_floor([1, 1, 1]) == 3
    assert highest_floor([4, -2, 5, -10]) == 7


def test_start_floor():
    assert highest_floor([]) == 0
    assert highest_floor([-1, -2]) == 0
    assert highest_floor([-3, 5]) == 2
    assert highest_floor([0]) == 0
