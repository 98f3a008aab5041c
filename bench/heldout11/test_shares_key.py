from shares_key import shares_key


def test_shares_key():
    assert shares_key({"a": 1, "b": 2}, {"b": 5}) is True
    assert shares_key({"a": 1}, {"a": 2}) is True
    assert shares_key({"a": 1}, {"b": 1}) is False


def test_empty_dicts():
    assert shares_key({}, {"a": 1}) is False
    assert shares_key({"a": 1}, {}) is False
    assert shares_key({}, {}) is False
