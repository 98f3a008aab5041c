from has_entry import has_entry


def test_has_entry():
    assert has_entry({"a": 1, "b": 2}, "a", 1) is True
    assert has_entry({"a": 1}, "a", 2) is False
    assert has_entry({"a": 1}, "b", 1) is False


def test_none_values_and_empty():
    assert has_entry({"a": None}, "a", None) is True
    assert has_entry({"a": 1}, "b", None) is False
    assert has_entry({}, "a", None) is False
