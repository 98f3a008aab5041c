from dot_product import dot_product


def test_dot_product():
    assert dot_product([1, 2, 3], [4, 5, 6]) == 32
    assert dot_product([2], [5]) == 10
    assert dot_product([1, -1], [3, 3]) == 0


def test_empty_and_mixed():
    assert dot_product([], []) == 0
    assert dot_product([0.5, 2], [4, 0.25]) == 2.5
    assert dot_product([-2, -3], [-1, 4]) == -10
