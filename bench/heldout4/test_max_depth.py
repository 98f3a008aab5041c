from max_depth import max_depth


def test_flat():
    assert max_depth([1, 2, 3]) == 1
    assert max_depth([]) == 1


def test_nested():
    assert max_depth([[]]) == 2
    assert max_depth([1, [2, [3]], [4]]) == 3
    assert max_depth([[1], [[[]]], 2]) == 4
