from merge_counts import merge_counts


def test_merge_counts():
    assert merge_counts({"x": 1, "y": 2}, {"y": 3, "z": 4}) == {"x": 1, "y": 5, "z": 4}
    assert merge_counts({"a": 2}, {"a": 2}) == {"a": 4}
    assert merge_counts({}, {"a": 1}) == {"a": 1}
    assert merge_counts({}, {}) == {}


def test_inputs_unchanged():
    a, b = {"x": 1}, {"x": 2, "y": 1}
    assert merge_counts(a, b) == {"x": 3, "y": 1}
    assert a == {"x": 1}
    assert b == {"x": 2, "y": 1}
