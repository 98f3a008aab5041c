from keep_strings import keep_strings


def test_keep_strings_normal():
    assert keep_strings([1, "a", 2, "b"]) == ["a", "b"]
    assert keep_strings(["x", "y"]) == ["x", "y"]
    assert keep_strings([1, 2.5, None]) == []


def test_keep_strings_edge_cases():
    assert keep_strings([]) == []
    assert keep_strings(["", 0, "0"]) == ["", "0"]
    assert keep_strings([["a"], "b", ("c",)]) == ["b"]
    assert keep_strings([True, "yes"]) == ["yes"]
