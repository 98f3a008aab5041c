from key_value_strings import key_value_strings


def test_key_value_strings():
    assert key_value_strings({"a": 1, "b": 2}) == ["a=1", "b=2"]
    assert key_value_strings({"x": "y"}) == ["x=y"]
    assert key_value_strings({"n": 2.5, "ok": True}) == ["n=2.5", "ok=True"]


def test_empty_and_other_types():
    assert key_value_strings({}) == []
    assert key_value_strings({1: None}) == ["1=None"]
    assert key_value_strings({"z": 0, "a": 1}) == ["z=0", "a=1"]
