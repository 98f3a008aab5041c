from enough_stock import enough_stock


def test_enough_stock():
    assert enough_stock({"apple": 2}, {"apple": 3}) is True
    assert enough_stock({"apple": 3}, {"apple": 3}) is True
    assert enough_stock({"apple": 4}, {"apple": 3}) is False
    assert enough_stock({"a": 1, "b": 2}, {"a": 1, "b": 1, "c": 9}) is False


def test_missing_and_empty():
    assert enough_stock({"pear": 1}, {"apple": 5}) is False
    assert enough_stock({"pear": 0}, {}) is True
    assert enough_stock({}, {}) is True
    assert enough_stock({}, {"apple": 1}) is True
