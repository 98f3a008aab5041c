from halve_evens import halve_evens


def test_halve_evens():
    assert halve_evens([1, 2, 3, 4]) == [1, 1, 3, 2]
    assert halve_evens([10, -4]) == [5, -2]
    assert halve_evens([0, 7]) == [0, 7]


def test_empty_and_ints():
    assert halve_evens([]) == []
    assert halve_evens([5]) == [5]
    result = halve_evens([8, -3])
    assert result == [4, -3] and all(type(x) is int for x in result)
