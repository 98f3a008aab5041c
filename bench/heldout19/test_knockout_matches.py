from knockout_matches import knockout_matches


def test_knockout_matches():
    assert knockout_matches(8) == 7
    assert knockout_matches(5) == 4
    assert knockout_matches(16) == 15


def test_few_teams():
    assert knockout_matches(1) == 0
    assert knockout_matches(2) == 1
    assert knockout_matches(3) == 2
