from first_present import first_present


def test_first_present():
    assert first_present({"b": 2, "c": 3}, ["a", "c", "b"]) == 3
    assert first_present({"x": 1}, ["x"]) == 1
    assert first_present({"nick": "Al", "name": "Alan"}, ["nick", "name"]) == "Al"


def test_missing_empty_and_falsy():
    assert first_present({}, ["a"]) is None
    assert first_present({"a": 1}, []) is None
    assert first_present({"a": None, "b": 2}, ["a", "b"]) is None
    assert first_present({"a": 0, "b": 2}, ["a", "b"]) == 0
