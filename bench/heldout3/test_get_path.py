from get_path import get_path


def test_get_path():
    assert get_path({"a": {"b": 2}}, ["a", "b"]) == 2
    assert get_path({"a": {"b": {"c": 3}}}, ["a", "b", "c"]) == 3
    assert get_path({"a": {"b": 1}}, ["a"]) == {"b": 1}
    assert get_path({"a": {}}, []) == {"a": {}}


def test_missing():
    assert get_path({"a": 1}, ["b"]) is None
    assert get_path({"a": 1}, ["a", "b"]) is None
