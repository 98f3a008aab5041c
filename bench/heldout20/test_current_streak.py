from current_streak import current_streak


def test_current_streak():
    assert current_streak(["L", "W", "W"]) == 2
    assert current_streak(["W", "L", "W"]) == 1
    assert current_streak(["W", "W", "W", "W"]) == 4
    assert current_streak(["W", "W", "D", "W", "W", "W"]) == 3


def test_no_streak():
    assert current_streak([]) == 0
    assert current_streak(["W", "W", "L"]) == 0
    assert current_streak(["W", "D"]) == 0
