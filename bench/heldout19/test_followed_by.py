from followed_by import followed_by


def test_followed_by():
    assert followed_by([1, 2, 3], 1, 2) is True
    assert followed_by([1, 3, 2], 1, 2) is False
    assert followed_by([2, 1], 1, 2) is False
    assert followed_by(["x", "y", "x"], "y", "x") is True


def test_empty_and_same():
    assert followed_by([], 1, 2) is False
    assert followed_by([5], 5, 5) is False
    assert followed_by([5, 5], 5, 5) is True
