from count_on_axis import count_on_axis


def test_count_on_axis():
    assert count_on_axis([[0, 5], [3, 0], [1, 1]]) == 2
    assert count_on_axis([[2, 3], [-1, 4]]) == 0
    assert count_on_axis([[0, -2], [0, 7], [-3, 0]]) == 3


def test_empty_and_origin():
    assert count_on_axis([]) == 0
    assert count_on_axis([[0, 0]]) == 1
    assert count_on_axis([[0, 0], [0, 1]]) == 2
    assert count_on_axis([[1.5, 0.0]]) == 1
