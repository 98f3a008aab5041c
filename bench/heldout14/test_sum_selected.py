from sum_selected import sum_selected


def test_sum_selected():
    assert sum_selected({"a": 1, "b": 2, "c": 4}, ["a", "c"]) == 5
    assert sum_selected({"a": 1, "b": 2, "c": 4}, ["c", "b", "a"]) == 7
    assert sum_selected({"x": 1.5, "y": 2}, ["y"]) == 2


def test_missing_and_empty():
    assert sum_selected({"a": 1}, []) == 0
    assert sum_selected({"a": 1}, ["z"]) == 0
    assert sum_selected({"a": 1, "b": -3}, ["a", "z", "b"]) == -2
