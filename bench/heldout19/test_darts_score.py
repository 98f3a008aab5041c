from darts_score import darts_score


def test_darts_score():
    assert darts_score(0, 0) == 10
    assert darts_score(1, 1) == 5
    assert darts_score(-7, 7) == 1
    assert darts_score(8, 8) == 0


def test_ring_edges():
    assert darts_score(0, 1) == 10
    assert darts_score(3, 4) == 5
    assert darts_score(-6, 8) == 1
    assert darts_score(0, -10.5) == 0
