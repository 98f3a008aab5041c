from rows_to_records import rows_to_records


def test_rows_to_records():
    assert rows_to_records(["a", "b"], [[1, 2]]) == [{"a": 1, "b": 2}]
    assert rows_to_records(["name", "age"], [["Ann", 30], ["Bo", 4]]) == [
        {"name": "Ann", "age": 30},
        {"name": "Bo", "age": 4},
    ]
    assert rows_to_records(["x"], [[1], [2], [3]]) == [{"x": 1}, {"x": 2}, {"x": 3}]


def test_empty_and_key_order():
    assert rows_to_records(["a", "b"], []) == []
    assert rows_to_records([], [[], []]) == [{}, {}]
    assert list(rows_to_records(["z", "a", "m"], [[1, 2, 3]])[0]) == ["z", "a", "m"]
