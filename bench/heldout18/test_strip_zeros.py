from strip_zeros import strip_zeros


def test_strip_zeros():
    assert strip_zeros([0, 0, 1, 2, 0]) == [1, 2]
    assert strip_zeros([0, 3, 0, 4, 0, 0]) == [3, 0, 4]
    assert strip_zeros([1, 0, 0, 2]) == [1, 0, 0, 2]


def test_empty_and_all_zero():
    assert strip_zeros([]) == []
    assert strip_zeros([0, 0, 0]) == []
    assert strip_zeros([0]) == []
    assert strip_zeros([0, -1, 0]) == [-1]
