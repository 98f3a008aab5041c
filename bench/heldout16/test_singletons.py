from singletons import singletons


def test_singletons():
    assert singletons([1, 2, 3]) == [[1], [2], [3]]
    assert singletons(["a"]) == [["a"]]
    assert singletons([[1]]) == [[[1]]]


def test_empty_and_falsy():
    assert singletons([]) == []
    assert singletons([None, 0]) == [[None], [0]]
    assert singletons([2, 2]) == [[2], [2]]
