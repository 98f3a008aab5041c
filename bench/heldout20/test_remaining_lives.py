from remaining_lives import remaining_lives


def test_remaining_lives():
    assert remaining_lives(3, 1) == 2
    assert remaining_lives(5, 2) == 3
    assert remaining_lives(9, 0) == 9


def test_never_below_zero():
    assert remaining_lives(3, 3) == 0
    assert remaining_lives(2, 5) == 0
    assert remaining_lives(0, 0) == 0
    assert remaining_lives(0, 4) == 0
