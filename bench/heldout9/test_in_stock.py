from in_stock import in_stock


def test_in_stock():
    assert in_stock({"pen": 3}, "pen") is True
    assert in_stock({"pen": 3}, "ink") is False
    assert in_stock({"pen": 1, "ink": 0}, "pen") is True


def test_zero_negative_and_empty():
    assert in_stock({"pen": 0}, "pen") is False
    assert in_stock({"pen": -1}, "pen") is False
    assert in_stock({}, "pen") is False
