from count_sign_changes import count_sign_changes


def test_count_sign_changes():
    assert count_sign_changes([1, -2, 3]) == 2
    assert count_sign_changes([1, 2, 3]) == 0
    assert count_sign_changes([-1, -1, 4, 5, -6]) == 2


def test_zeros_and_short():
    assert count_sign_changes([1, 0, -1]) == 1
    assert count_sign_changes([5, 0, 0, 5]) == 0
    assert count_sign_changes([0, 0]) == 0
    assert count_sign_changes([]) == 0
