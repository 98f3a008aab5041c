from is_mountain import is_mountain


def test_is_mountain_normal():
    assert is_mountain([0, 3, 2, 1]) is True
    assert is_mountain([1, 2, 3, 2, 1]) is True
    assert is_mountain([1, 3, 3, 1]) is False
    assert is_mountain([3, 2, 1, 2]) is False


def test_is_mountain_edge_cases():
    assert is_mountain([]) is False
    assert is_mountain([1, 2]) is False
    assert is_mountain([1, 2, 3]) is False
    assert is_mountain([3, 2, 1]) is False
