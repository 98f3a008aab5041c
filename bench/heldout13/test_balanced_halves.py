from balanced_halves import balanced_halves


def test_balanced_halves():
    assert balanced_halves([1, 2, 3, 0]) is True
    assert balanced_halves([1, 2, 3, 4]) is False
    assert balanced_halves([0, 4, 2, 2]) is True


def test_empty_and_two():
    assert balanced_halves([]) is True
    assert balanced_halves([5, 5]) is True
    assert balanced_halves([1, 9]) is False
