from keys_with_prefix import keys_with_prefix


def test_keys_with_prefix():
    d = {"app": 1, "apple": 2, "bat": 3}
    assert keys_with_prefix(d, "app") == ["app", "apple"]
    assert keys_with_prefix(d, "b") == ["bat"]
    assert keys_with_prefix(d, "z") == []
    assert keys_with_prefix({"zeta": 1, "zap": 2}, "z") == ["zeta", "zap"]


def test_empty_and_case():
    assert keys_with_prefix({}, "a") == []
    assert keys_with_prefix({"a": 1, "B": 2}, "") == ["a", "B"]
    assert keys_with_prefix({"Apple": 1}, "a") == []
