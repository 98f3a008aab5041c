from knight_move import knight_move


def test_knight_move():
    assert knight_move([0, 0], [1, 2]) is True
    assert knight_move([4, 4], [2, 3]) is True
    assert knight_move([4, 4], [6, 5]) is True
    assert knight_move([2, 2], [0, 3]) is True


def test_not_a_knight_move():
    assert knight_move([0, 0], [0, 0]) is False
    assert knight_move([3, 3], [1, 1]) is False
    assert knight_move([0, 0], [3, 0]) is False
    assert knight_move([5, 5], [5, 7]) is False
