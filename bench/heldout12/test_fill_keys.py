from fill_keys import fill_keys


def test_fill_keys():
    assert fill_keys(["a", "b"], 0) == {"a": 0, "b": 0}
    assert fill_keys([1, 2, 3], "x") == {1: "x", 2: "x", 3: "x"}
    assert list(fill_keys(["b", "a"], 0)) == ["b", "a"]


def test_empty_none_and_repeats():
    assert fill_keys([], 5) == {}
    assert fill_keys(["k"], None) == {"k": None}
    assert fill_keys(["a", "a"], 1) == {"a": 1}
