from rps_winner import rps_winner


def test_rps_winner():
    assert rps_winner("rock", "scissors") == 1
    assert rps_winner("rock", "paper") == 2
    assert rps_winner("scissors", "paper") == 1
    assert rps_winner("paper", "scissors") == 2


def test_ties_and_the_rest():
    assert rps_winner("rock", "rock") == 0
    assert rps_winner("paper", "rock") == 1
    assert rps_winner("scissors", "rock") == 2
