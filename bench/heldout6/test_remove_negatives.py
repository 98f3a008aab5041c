from remove_negatives import remove_negatives


def test_remove_negatives():
    assert remove_negatives([1, -2, 3, -4]) == [1, 3]
    assert remove_negatives([-1, -2]) == []
    assert remove_negatives([0, -1, 5]) == [0, 5]


def test_empty_and_floats():
    assert remove_negatives([]) == []
    assert remove_negatives([2.5, -0.5]) == [2.5]
