from running_max import running_max


def test_running_max_normal():
    assert running_max([1, 3, 2, 5]) == [1, 3, 3, 5]
    assert running_max([5, 4, 3]) == [5, 5, 5]
    assert running_max([2, 2, 7]) == [2, 2, 7]


def test_running_max_edge_cases():
    assert running_max([]) == []
    assert running_max([-3]) == [-3]
    assert running_max([-5, -2, -9]) == [-5, -2, -2]
