from stock_after_sales import stock_after_sales


def test_stock_after_sales():
    assert stock_after_sales({"pen": 3, "cup": 1}, ["pen", "pen"]) == {"pen": 1, "cup": 1}
    assert stock_after_sales({"pen": 3, "cup": 1}, ["cup", "pen"]) == {"pen": 2, "cup": 0}
    assert stock_after_sales({"pen": 3}, ["hat", "pen"]) == {"pen": 2}
    assert list(stock_after_sales({"b": 1, "a": 2}, ["a"])) == ["b", "a"]


def test_floor_empty_and_unchanged():
    stock = {"pen": 2, "cup": 1}
    result = stock_after_sales(stock, ["pen"])
    assert stock_after_sales({"cup": 1}, ["cup", "cup", "cup"]) == {"cup": 0}
    assert stock_after_sales({"pen": 3}, []) == {"pen": 3}
    assert stock_after_sales({}, ["pen"]) == {}
    assert stock == {"pen": 2, "cup": 1}
    assert result == {"pen": 1, "cup": 1}
