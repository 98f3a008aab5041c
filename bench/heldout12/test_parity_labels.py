from parity_labels import parity_labels


def test_parity_labels():
    assert parity_labels([1, 2, 3]) == ["odd", "even", "odd"]
    assert parity_labels([4]) == ["even"]
    assert parity_labels([7, 9]) == ["odd", "odd"]


def test_empty_zero_and_negative():
    assert parity_labels([]) == []
    assert parity_labels([0, -2, -3]) == ["even", "even", "odd"]
    assert parity_labels([10, 11]) == ["even", "odd"]
