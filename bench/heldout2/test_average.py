from average import average


def test_average():
    assert average([1, 2, 3, 4]) == 2.5
    assert average([5]) == 5.0
    assert average([-2, 2]) == 0.0
    assert average([0.5, 1.5, 4]) == 2.0


def test_empty():
    assert average([]) is None
