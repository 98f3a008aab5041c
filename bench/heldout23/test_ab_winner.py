from ab_winner import ab_winner


def test_ab_winner():
    assert ab_winner(5, 100, 3, 100) == "A"
    assert ab_winner(1, 10, 3, 20) == "B"
    assert ab_winner(3, 4, 2, 3) == "A"
    assert ab_winner(30, 1000, 4, 100) == "B"


def test_ties_and_zero():
    assert ab_winner(10, 50, 2, 10) == "tie"
    assert ab_winner(0, 5, 0, 9) == "tie"
    assert ab_winner(0, 1, 1, 1000) == "B"
