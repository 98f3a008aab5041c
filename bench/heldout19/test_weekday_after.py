from weekday_after import weekday_after


def test_weekday_after():
    assert weekday_after(0, 1) == 1
    assert weekday_after(2, 3) == 5
    assert weekday_after(5, 10) == 1


def test_wrap_and_zero():
    assert weekday_after(6, 1) == 0
    assert weekday_after(3, 0) == 3
    assert weekday_after(2, 7) == 2
    assert weekday_after(0, 14) == 0
