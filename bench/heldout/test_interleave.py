from interleave import interleave


def test_interleave():
    assert interleave([1, 2, 3], ["a", "b", "c"]) == [1, "a", 2, "b", 3, "c"]
    assert interleave([1, 2, 3], ["a"]) == [1, "a", 2, 3]
    assert interleave([1], ["a", "b", "c"]) == [1, "a", "b", "c"]


def test_empty():
    assert interleave([], [1, 2]) == [1, 2]
    assert interleave([1, 2], []) == [1, 2]
    assert interleave([], []) == []
