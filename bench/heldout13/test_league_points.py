from league_points import league_points


def test_league_points():
    assert league_points(["W", "D", "L", "W"]) == 7
    assert league_points(["D", "D"]) == 2
    assert league_points(["L", "L", "W", "D", "D"]) == 5


def test_empty_and_single():
    assert league_points([]) == 0
    assert league_points(["W"]) == 3
    assert league_points(["L"]) == 0
