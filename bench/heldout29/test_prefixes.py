from prefixes import prefixes


def test_prefixes_normal():
    assert prefixes("abc") == ["a", "ab", "abc"]
    assert prefixes("hi") == ["h", "hi"]
    assert prefixes("aaa") == ["a", "aa", "aaa"]
    assert prefixes("a b") == ["a", "a ", "a b"]


def test_prefixes_edge_cases():
    assert prefixes("") == []
    assert prefixes("x") == ["x"]
    assert prefixes("Ab") == ["A", "Ab"]
