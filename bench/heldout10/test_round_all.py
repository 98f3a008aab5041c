from round_all import round_all


def test_round_all():
    assert round_all([1.2, 2.7]) == [1, 3]
    assert round_all([-1.6, 9.9]) == [-2, 10]
    assert all(type(x) is int for x in round_all([1.2, 2.7, 3]))


def test_empty_and_whole():
    assert round_all([]) == []
    assert round_all([3]) == [3]
    assert round_all([0.4, -0.2]) == [0, 0]
