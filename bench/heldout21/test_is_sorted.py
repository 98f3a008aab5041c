from is_sorted import is_sorted


def test_is_sorted():
    assert is_sorted([1, 2, 3]) is True
    assert is_sorted([1, 3, 2]) is False
    assert is_sorted([3, 2]) is False
    assert is_sorted([-2, -1, 0]) is True


def test_equal_and_short():
    assert is_sorted([1, 1, 2]) is True
    assert is_sorted([2, 2, 2]) is True
    assert is_sorted([]) is True
    assert is_sorted([5]) is True
