from values_for_key import values_for_key


def test_values_for_key():
    assert values_for_key([{"a": 1}, {"a": 2, "b": 3}], "a") == [1, 2]
    assert values_for_key([{"n": "x"}, {"n": "y"}], "n") == ["x", "y"]
    assert values_for_key([{"a": 1}, {"b": 2}], "a") == [1, None]


def test_empty_and_missing():
    assert values_for_key([], "a") == []
    assert values_for_key([{}], "x") == [None]
