from resolve_alias import resolve_alias


def test_resolve_alias():
    assert resolve_alias({"bob": "robert", "rob": "bob"}, "rob") == "robert"
    assert resolve_alias({"ll": "ls -l"}, "ll") == "ls -l"
    assert resolve_alias({"a": "b", "b": "c", "c": "d"}, "a") == "d"
    assert resolve_alias({"a": "b", "b": "c", "c": "d"}, "b") == "d"


def test_not_an_alias():
    assert resolve_alias({"a": "b"}, "b") == "b"
    assert resolve_alias({"a": "b"}, "z") == "z"
    assert resolve_alias({}, "x") == "x"
