from bump_count import bump_count


def test_bump_count():
    assert bump_count({"a": 1}, "a") == {"a": 2}
    assert bump_count({"a": 1}, "b") == {"a": 1, "b": 1}
    assert bump_count({"x": 5, "y": 2}, "y") == {"x": 5, "y": 3}


def test_empty_and_unchanged():
    assert bump_count({}, "z") == {"z": 1}
    counts = {"a": 1}
    assert bump_count(counts, "a") == {"a": 2}
    assert counts == {"a": 1}
