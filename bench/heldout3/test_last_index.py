from last_index import last_index


def test_last_index():
    assert last_index([1, 2, 3, 2], 2) == 3
    assert last_index(["a", "b", "a"], "a") == 2
    assert last_index([5], 5) == 0
    assert last_index([7, 7, 7], 7) == 2


def test_missing():
    assert last_index([1, 2, 3], 4) == -1
    assert last_index([], 1) == -1
