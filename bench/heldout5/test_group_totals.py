from group_totals import group_totals


def test_group_totals():
    assert group_totals([("a", 2), ("b", 1), ("a", 3)]) == {"a": 5, "b": 1}
    assert group_totals([("x", 1.5), ("x", 2.5)]) == {"x": 4.0}
    assert group_totals([("a", 5), ("a", -5)]) == {"a": 0}


def test_order_and_empty():
    assert list(group_totals([("b", 1), ("a", 1), ("b", 1)])) == ["b", "a"]
    assert group_totals([]) == {}
