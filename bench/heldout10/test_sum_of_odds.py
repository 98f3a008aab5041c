from sum_of_odds import sum_of_odds


def test_sum_of_odds():
    assert sum_of_odds(5) == 9
    assert sum_of_odds(6) == 9
    assert sum_of_odds(10) == 25


def test_small_and_negative():
    assert sum_of_odds(1) == 1
    assert sum_of_odds(0) == 0
    assert sum_of_odds(-3) == 0
