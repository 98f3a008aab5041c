from append_if_missing import append_if_missing


def test_append_if_missing():
    assert append_if_missing([1, 2], 3) == [1, 2, 3]
    assert append_if_missing([1, 2], 2) == [1, 2]
    assert append_if_missing(["a", "b"], "a") == ["a", "b"]
    assert append_if_missing([], "a") == ["a"]


def test_new_list_and_unchanged():
    items = [1]
    assert append_if_missing(items, 2) == [1, 2]
    assert items == [1]
    result = append_if_missing(items, 1)
    assert result == [1]
    assert result is not items
