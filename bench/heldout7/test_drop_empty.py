from drop_empty import drop_empty


def test_drop_empty():
    assert drop_empty(["a", "", "b"]) == ["a", "b"]
    assert drop_empty(["", "hi", ""]) == ["hi"]


def test_empty_and_spaces():
    assert drop_empty([]) == []
    assert drop_empty(["", ""]) == []
    assert drop_empty([" ", ""]) == [" "]
