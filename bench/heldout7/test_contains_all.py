from contains_all import contains_all


def test_contains_all():
    assert contains_all([1, 2, 3], [1, 3]) is True
    assert contains_all([1, 2], [2, 3]) is False


def test_empty_and_repeats():
    assert contains_all([1, 2], []) is True
    assert contains_all([], [1]) is False
    assert contains_all([1], [1, 1]) is True
