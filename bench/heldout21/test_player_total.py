from player_total import player_total


def test_player_total():
    assert player_total({"ann": [3, 4], "bob": [10]}, "ann") == 7
    assert player_total({"ann": [3, 4], "bob": [10]}, "bob") == 10
    assert player_total({"ann": [5, -2, 1]}, "ann") == 4


def test_missing_and_empty():
    assert player_total({"ann": [3, 4]}, "cat") == 0
    assert player_total({"ann": []}, "ann") == 0
    assert player_total({}, "ann") == 0
