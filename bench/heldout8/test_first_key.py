from first_key import first_key


def test_first_key():
    assert first_key({"a": 1, "b": 2}) == "a"
    assert first_key({"z": 0, "a": 1}) == "z"
    assert first_key({5: "x"}) == 5


def test_empty_and_blank_key():
    assert first_key({}) is None
    assert first_key({"": 3, "b": 4}) == ""
