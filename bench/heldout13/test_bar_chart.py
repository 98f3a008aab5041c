from bar_chart import bar_chart


def test_bar_chart():
    assert bar_chart({"a": 3, "b": 1}) == ["a ***", "b *"]
    assert bar_chart({"cats": 2}) == ["cats **"]
    assert bar_chart({"z": 5}) == ["z *****"]


def test_empty_zero_and_order():
    assert bar_chart({}) == []
    assert bar_chart({"x": 0}) == ["x "]
    assert bar_chart({"b": 2, "a": 1}) == ["b **", "a *"]
