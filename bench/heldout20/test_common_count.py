from common_count import common_count


def test_common_count():
    assert common_count([1, 2, 3], [2, 3, 4]) == 2
    assert common_count(["a", "b"], ["c"]) == 0
    assert common_count([5, 6], [6, 5]) == 2


def test_repeats_and_empty():
    assert common_count([1, 2, 2, 3], [2, 2, 3, 4]) == 2
    assert common_count([7, 7, 7], [7]) == 1
    assert common_count([], [1, 2]) == 0
    assert common_count([1, 2], []) == 0
