from split_even_odd import split_even_odd


def test_split_even_odd():
    assert split_even_odd([1, 2, 3, 4]) == ([2, 4], [1, 3])
    assert split_even_odd([0, -1, -2]) == ([0, -2], [-1])
    assert split_even_odd([1, 3]) == ([], [1, 3])
    assert split_even_odd([2, 2]) == ([2, 2], [])
    assert split_even_odd([]) == ([], [])
