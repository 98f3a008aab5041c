from update_existing import update_existing


def test_update_existing():
    assert update_existing({"a": 1, "b": 2}, {"b": 5}) == {"a": 1, "b": 5}
    assert update_existing({"a": 1}, {"z": 9}) == {"a": 1}
    assert list(update_existing({"a": 1, "b": 2}, {"b": 3, "a": 4})) == ["a", "b"]


def test_empty_and_unchanged():
    assert update_existing({}, {"a": 1}) == {}
    assert update_existing({"a": 1}, {}) == {"a": 1}
    d = {"a": 1, "b": 2}
    assert update_existing(d, {"a": 0, "c": 3}) == {"a": 0, "b": 2}
    assert d == {"a": 1, "b": 2}
