from value_range import value_range


def test_value_range():
    assert value_range([3, 1, 4, 1, 5]) == 4
    assert value_range([7]) == 0
    assert value_range([-5, 5]) == 10
    assert value_range([-3, -1, -2]) == 2
    assert value_range([2.5, 1.0]) == 1.5


def test_empty():
    assert value_range([]) == 0
