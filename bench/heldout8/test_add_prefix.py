from add_prefix import add_prefix


def test_add_prefix():
    assert add_prefix(["cat", "dog"], "hot") == ["hotcat", "hotdog"]
    assert add_prefix(["a"], "-") == ["-a"]
    assert add_prefix(["do", "play", "do"], "re") == ["redo", "replay", "redo"]


def test_empty():
    assert add_prefix([], "x") == []
    assert add_prefix(["x", "y"], "") == ["x", "y"]
    assert add_prefix([""], "re") == ["re"]
