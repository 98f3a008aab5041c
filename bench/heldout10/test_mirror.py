from mirror import mirror


def test_mirror():
    assert mirror([1, 2, 3]) == [1, 2, 3, 3, 2, 1]
    assert mirror([1, 2]) == [1, 2, 2, 1]
    assert mirror(["a"]) == ["a", "a"]


def test_empty_and_unchanged():
    assert mirror([]) == []
    items = [4, 5]
    assert mirror(items) == [4, 5, 5, 4]
    assert items == [4, 5]
