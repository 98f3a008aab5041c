from count_zeros import count_zeros


def test_count_zeros():
    assert count_zeros([0, 1, 0, 2]) == 2
    assert count_zeros([1, 2, 3]) == 0
    assert count_zeros([0, 0, 0]) == 3


def test_empty_and_mixed():
    assert count_zeros([]) == 0
    assert count_zeros([0.0, -1, 0]) == 2
