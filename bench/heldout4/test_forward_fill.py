from forward_fill import forward_fill


def test_forward_fill():
    assert forward_fill([1, None, None, 2, None]) == [1, 1, 1, 2, 2]
    assert forward_fill([0, None, False, None]) == [0, 0, False, False]
    assert forward_fill(["a", "b"]) == ["a", "b"]


def test_leading_and_empty():
    assert forward_fill([None, 3, None]) == [None, 3, 3]
    assert forward_fill([None, None]) == [None, None]
    assert forward_fill([]) == []
