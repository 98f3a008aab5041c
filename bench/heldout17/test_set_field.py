from set_field import set_field


def test_set_field():
    assert set_field([{"a": 1}], "b", 2) == [{"a": 1, "b": 2}]
    assert set_field([{"a": 1}, {"a": 5}], "a", 0) == [{"a": 0}, {"a": 0}]
    assert set_field([{}, {"x": 1}], "y", None) == [{"y": None}, {"x": 1, "y": None}]


def test_empty_and_unchanged():
    assert set_field([], "a", 1) == []
    records = [{"n": 1}]
    assert set_field(records, "n", 2) == [{"n": 2}]
    assert records == [{"n": 1}]
