from count_key import count_key


def test_count_key():
    records = [{"a": 1}, {"b": 2}, {"a": 3}]
    assert count_key(records, "a") == 2
    assert count_key(records, "b") == 1
    assert count_key(records, "c") == 0


def test_empty_and_falsy_values():
    assert count_key([], "a") == 0
    assert count_key([{}], "a") == 0
    assert count_key([{"a": None}, {"a": 0}, {"a": ""}], "a") == 3
