from majority_element import majority_element


def test_majority_element():
    assert majority_element([3, 3, 4]) == 3
    assert majority_element([1, 2, 1, 2, 1]) == 1
    assert majority_element([7]) == 7
    assert majority_element([4, 1, 4, 4]) == 4


def test_no_majority():
    assert majority_element([1, 2]) is None
    assert majority_element([1, 1, 2, 2]) is None
    assert majority_element([]) is None
    assert majority_element([1, 2, 3]) is None
