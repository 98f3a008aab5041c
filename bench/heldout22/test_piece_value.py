from piece_value import piece_value


def test_piece_value():
    assert piece_value("pawn") == 1
    assert piece_value("knight") == 3
    assert piece_value("bishop") == 3
    assert piece_value("rook") == 5
    assert piece_value("queen") == 9


def test_king_and_others():
    assert piece_value("king") == 0
    assert piece_value("dragon") == 0
    assert piece_value("") == 0
