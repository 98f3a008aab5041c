from index_or_default import index_or_default


def test_index_or_default():
    assert index_or_default([1, 2, 3], 1, 0) == 2
    assert index_or_default(["a"], 0, "z") == "a"
    assert index_or_default([1, 2, 3], 3, "x") == "x"


def test_negative_and_empty():
    assert index_or_default([1, 2, 3], -1, None) is None
    assert index_or_default([], 0, 5) == 5
    assert index_or_default([7, 8], 10, 0) == 0
