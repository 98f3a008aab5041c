from min_of_three import min_of_three


def test_min_of_three():
    assert min_of_three(3, 1, 2) == 1
    assert min_of_three(5, 9, 7) == 5
    assert min_of_three(4, 6, 2) == 2


def test_negative_and_equal():
    assert min_of_three(-1, -5, 0) == -5
    assert min_of_three(2, 2, 2) == 2
    assert min_of_three(3, 3, 1) == 1
