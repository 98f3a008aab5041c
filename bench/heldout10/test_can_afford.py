from can_afford import can_afford


def test_can_afford():
    assert can_afford([3, 4], 10) is True
    assert can_afford([3, 4], 7) is True
    assert can_afford([3, 4.5], 7) is False


def test_empty_and_over():
    assert can_afford([], 0) is True
    assert can_afford([], -1) is False
    assert can_afford([5], 4.99) is False
