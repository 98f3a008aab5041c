from uppercase_keys import uppercase_keys


def test_uppercase_keys():
    assert uppercase_keys({"a": 1, "b": 2}) == {"A": 1, "B": 2}
    assert uppercase_keys({"Name": "ada"}) == {"NAME": "ada"}
    assert list(uppercase_keys({"z": 1, "a": 2})) == ["Z", "A"]


def test_empty_and_unchanged():
    assert uppercase_keys({}) == {}
    d = {"x1": None}
    assert uppercase_keys(d) == {"X1": None}
    assert d == {"x1": None}
