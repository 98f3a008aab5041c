from is_consecutive import is_consecutive


def test_is_consecutive():
    assert is_consecutive([3, 4, 5]) is True
    assert is_consecutive([1, 3]) is False
    assert is_consecutive([5, 4, 3]) is False


def test_empty_short_and_repeats():
    assert is_consecutive([]) is True
    assert is_consecutive([7]) is True
    assert is_consecutive([2, 3, 3]) is False
