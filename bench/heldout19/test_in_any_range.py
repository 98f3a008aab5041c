from in_any_range import in_any_range


def test_in_any_range():
    assert in_any_range([[1, 3], [5, 8]], 2) is True
    assert in_any_range([[1, 3], [5, 8]], 4) is False
    assert in_any_range([[-5, -1]], -3) is True
    assert in_any_range([[1, 3]], 3.5) is False


def test_ends_and_empty():
    assert in_any_range([[1, 3], [5, 8]], 8) is True
    assert in_any_range([[1, 3], [5, 8]], 1) is True
    assert in_any_range([[0, 0]], 0) is True
    assert in_any_range([], 0) is False
