from longest_increasing_run import longest_increasing_run


def test_longest_increasing_run():
    assert longest_increasing_run([1, 2, 3, 1, 2]) == 3
    assert longest_increasing_run([3, 1, 2, 3, 4]) == 4
    assert longest_increasing_run([5, 4, 3]) == 1


def test_edge_cases():
    assert longest_increasing_run([1, 1, 1]) == 1
    assert longest_increasing_run([7]) == 1
    assert longest_increasing_run([]) == 0
