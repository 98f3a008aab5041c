from order_lines import order_lines


def test_order_lines():
    assert order_lines([{"name": "tea", "qty": 2}]) == ["2 x tea"]
    orders = [{"name": "cake", "qty": 1}, {"name": "iced tea", "qty": 10}]
    assert order_lines(orders) == ["1 x cake", "10 x iced tea"]
    assert order_lines([{"qty": 3, "name": "pie"}]) == ["3 x pie"]


def test_empty_and_zero():
    assert order_lines([]) == []
    assert order_lines([{"name": "bun", "qty": 0}]) == ["0 x bun"]
    assert order_lines([{"name": "a", "qty": 1}, {"name": "a", "qty": 1}]) == ["1 x a", "1 x a"]
