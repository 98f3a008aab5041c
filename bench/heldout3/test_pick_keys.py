from pick_keys import pick_keys


def test_pick_keys():
    assert pick_keys({"a": 1, "b": 2, "c": 3}, ["a", "c"]) == {"a": 1, "c": 3}
    assert pick_keys({"a": 1}, ["z"]) == {}
    assert pick_keys({}, ["a"]) == {}
    assert pick_keys({"a": 1}, []) == {}


def test_input_unchanged():
    d = {"x": 1, "y": 2}
    assert pick_keys(d, ["y", "q"]) == {"y": 2}
    assert d == {"x": 1, "y": 2}
