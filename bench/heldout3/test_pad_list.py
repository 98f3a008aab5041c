from pad_list import pad_list


def test_pad_list():
    assert pad_list([1, 2], 4, 0) == [1, 2, 0, 0]
    assert pad_list([], 3, "x") == ["x", "x", "x"]
    assert pad_list([1], 1, 0) == [1]


def test_long_enough_and_unchanged():
    assert pad_list([1, 2, 3], 2, 0) == [1, 2, 3]
    data = [1]
    assert pad_list(data, 3, 0) == [1, 0, 0]
    assert data == [1]
