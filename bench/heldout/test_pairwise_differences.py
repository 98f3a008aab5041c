from pairwise_differences import pairwise_differences


def test_pairwise_differences():
    assert pairwise_differences([1, 4, 9, 16]) == [3, 5, 7]
    assert pairwise_differences([10, 7, 7, 2]) == [-3, 0, -5]
    assert pairwise_differences([5, 6]) == [1]


def test_short():
    assert pairwise_differences([42]) == []
    assert pairwise_differences([]) == []
