from take_while_positive import take_while_positive


def test_take_while_positive():
    assert take_while_positive([3, 1, -2, 5]) == [3, 1]
    assert take_while_positive([1, 2, 3]) == [1, 2, 3]
    assert take_while_positive([2, 0.5, 0, 4]) == [2, 0.5]


def test_empty_result():
    assert take_while_positive([0, 1, 2]) == []
    assert take_while_positive([-1]) == []
    assert take_while_positive([]) == []
