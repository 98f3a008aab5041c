from find_peaks import find_peaks


def test_find_peaks():
    assert find_peaks([1, 3, 2, 4, 1]) == [1, 3]
    assert find_peaks([0, 5, 0, 5, 0]) == [1, 3]
    assert find_peaks([1, 2, 3]) == []


def test_plateaus_and_short():
    assert find_peaks([1, 2, 2, 1]) == []
    assert find_peaks([2, 2, 2]) == []
    assert find_peaks([5]) == []
    assert find_peaks([]) == []
