from changed_keys import changed_keys


def test_changed_keys():
    assert changed_keys({"a": 1, "b": 2, "c": 3}, {"a": 1, "b": 5, "c": 4}) == ["b", "c"]
    assert changed_keys({"b": 1, "a": 2}, {"a": 3, "b": 4, "c": 0}) == ["a", "b"]
    assert changed_keys({"a": None}, {"a": 0}) == ["a"]


def test_no_common_changes():
    assert changed_keys({"x": 1}, {"y": 1}) == []
    assert changed_keys({"x": [1]}, {"x": [1]}) == []
    assert changed_keys({}, {}) == []
