from cart_total import cart_total


def test_cart_total():
    assert cart_total({"apple": 2, "pear": 3}, {"apple": 4}) == 8
    assert cart_total({"a": 2, "b": 3}, {"a": 1, "b": 2}) == 8
    assert cart_total({"a": 1.5}, {"a": 2}) == 3.0


def test_empty_and_zero_quantity():
    assert cart_total({"a": 2}, {}) == 0
    assert cart_total({"a": 2, "b": 5}, {"b": 0}) == 0
    assert cart_total({"a": 2, "b": 5}, {"b": 1}) == 5
