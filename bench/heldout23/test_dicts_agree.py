from dicts_agree import dicts_agree


def test_dicts_agree():
    assert dicts_agree({"x": 1, "y": 2}, {"y": 2, "z": 3}) is True
    assert dicts_agree({"x": 1}, {"x": 2}) is False
    assert dicts_agree({"a": 1, "b": 2}, {"a": 1, "b": 3}) is False
    assert dicts_agree({"a": "s"}, {"a": "s", "b": 0}) is True


def test_no_shared_keys_and_empty():
    assert dicts_agree({"a": 1}, {"b": 2}) is True
    assert dicts_agree({"a": None}, {"a": 0}) is False
    assert dicts_agree({"a": 1}, {}) is True
    assert dicts_agree({}, {}) is True
