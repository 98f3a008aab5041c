from count_by_field import count_by_field


def test_count_by_field():
    assert count_by_field([{"c": "red"}, {"c": "blue"}, {"c": "red"}], "c") == {
        "red": 2,
        "blue": 1,
    }
    assert count_by_field([{"n": 1, "k": "a"}], "k") == {"a": 1}
    assert count_by_field([{"x": 1}, {"x": 1}], "x") == {1: 2}


def test_empty_order_and_bools():
    assert count_by_field([], "c") == {}
    assert list(count_by_field([{"c": "b"}, {"c": "a"}, {"c": "b"}], "c")) == ["b", "a"]
    assert count_by_field([{"t": True}, {"t": False}, {"t": True}], "t") == {True: 2, False: 1}
