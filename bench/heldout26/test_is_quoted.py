from is_quoted import is_quoted


def test_is_quoted_normal():
    assert is_quoted('"hi"') is True
    assert is_quoted('hi') is False
    assert is_quoted('"hi') is False


def test_is_quoted_edge_cases():
    assert is_quoted('""') is True
    assert is_quoted('"') is False
    assert is_quoted('') is False
    assert is_quoted("'hi'") is False
