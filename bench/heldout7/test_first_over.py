from first_over import first_over


def test_first_over():
    assert first_over([1, 5, 8], 4) == 5
    assert first_over([1, 2, 3], 2) == 3


def test_none_equal_and_negative():
    assert first_over([1, 2, 3], 3) is None
    assert first_over([], 0) is None
    assert first_over([-5, -1], -3) == -1
