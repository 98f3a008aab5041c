from price_of import price_of


def test_price_of():
    items = [{"name": "tea", "price": 3}, {"name": "cake", "price": 5}]
    assert price_of(items, "cake") == 5
    assert price_of(items, "tea") == 3
    assert price_of(items, "milk") is None
    assert price_of(items, "Tea") is None


def test_first_and_empty():
    items = [{"name": "pie", "price": 4}, {"name": "pie", "price": 9}]
    assert price_of(items, "pie") == 4
    assert price_of([], "pie") is None
    assert price_of([{"name": "gift", "price": 0}], "gift") == 0
