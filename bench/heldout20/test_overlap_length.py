from overlap_length import overlap_length


def test_overlap_length():
    assert overlap_length(1, 5, 3, 8) == 2
    assert overlap_length(3, 8, 1, 5) == 2
    assert overlap_length(0, 10, 2, 4) == 2
    assert overlap_length(2, 6, 2, 6) == 4


def test_touching_and_apart():
    assert overlap_length(1, 3, 3, 5) == 0
    assert overlap_length(1, 2, 5, 9) == 0
    assert overlap_length(7, 9, 1, 4) == 0
