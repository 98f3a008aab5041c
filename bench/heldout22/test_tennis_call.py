from tennis_call import tennis_call


def test_tennis_call():
    assert tennis_call(0) == "love"
    assert tennis_call(1) == "15"
    assert tennis_call(2) == "30"
    assert tennis_call(3) == "40"


def test_game():
    assert tennis_call(4) == "game"
    assert tennis_call(5) == "game"
    assert tennis_call(9) == "game"
