from sum_of_evens import sum_of_evens


def test_sum_of_evens():
    assert sum_of_evens([1, 2, 3, 4]) == 6
    assert sum_of_evens([10, 5, 6]) == 16
    assert sum_of_evens([-2, 4]) == 2
    assert sum_of_evens([8]) == 8


def test_no_evens_and_empty():
    assert sum_of_evens([1, 3, 5]) == 0
    assert sum_of_evens([-4, -3]) == -4
    assert sum_of_evens([0, 1]) == 0
    assert sum_of_evens([]) == 0
