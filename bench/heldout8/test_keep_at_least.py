from keep_at_least import keep_at_least


def test_keep_at_least():
    assert keep_at_least({"a": 1, "b": 5, "c": 3}, 3) == {"b": 5, "c": 3}
    assert keep_at_least({"x": 10}, 20) == {}
    assert keep_at_least({"x": 10}, 5) == {"x": 10}


def test_boundary_and_empty():
    assert keep_at_least({"a": -1, "b": 0}, 0) == {"b": 0}
    assert keep_at_least({"a": 2, "b": 2}, 2) == {"a": 2, "b": 2}
    assert keep_at_least({}, 1) == {}
