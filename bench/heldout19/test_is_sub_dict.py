from is_sub_dict import is_sub_dict


def test_is_sub_dict():
    assert is_sub_dict({"a": 1}, {"a": 1, "b": 2}) is True
    assert is_sub_dict({"a": 1}, {"a": 2}) is False
    assert is_sub_dict({"c": 1}, {"a": 1}) is False
    assert is_sub_dict({"a": 1, "b": 2}, {"b": 2, "a": 1}) is True


def test_empty_and_none():
    assert is_sub_dict({}, {"a": 1}) is True
    assert is_sub_dict({}, {}) is True
    assert is_sub_dict({"a": None}, {}) is False
    assert is_sub_dict({"a": None}, {"a": None}) is True
