from guess_hint import guess_hint


def test_guess_hint():
    assert guess_hint(3, 7) == "too low"
    assert guess_hint(9, 7) == "too high"
    assert guess_hint(7, 7) == "correct"


def test_edges():
    assert guess_hint(-1, 0) == "too low"
    assert guess_hint(100, 99) == "too high"
    assert guess_hint(0, 0) == "correct"
