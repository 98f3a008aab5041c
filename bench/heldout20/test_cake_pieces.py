from cake_pieces import cake_pieces


def test_cake_pieces():
    assert cake_pieces(1) == 2
    assert cake_pieces(2) == 4
    assert cake_pieces(3) == 6
    assert cake_pieces(8) == 16


def test_no_cut():
    assert cake_pieces(0) == 1
    assert cake_pieces(5) == 10
    assert cake_pieces(12) == 24
