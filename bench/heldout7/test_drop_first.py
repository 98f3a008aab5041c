from drop_first import drop_first


def test_drop_first():
    assert drop_first([1, 2, 3]) == [2, 3]
    assert drop_first(["a", "b"]) == ["b"]


def test_short_lists():
    assert drop_first([]) == []
    assert drop_first([7]) == []
    assert drop_first([[1], [2]]) == [[2]]
