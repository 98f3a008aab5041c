from starts_with_any import starts_with_any


def test_starts_with_any():
    assert starts_with_any("hello", ["he", "x"]) is True
    assert starts_with_any("hello", ["hi", "lo"]) is False
    assert starts_with_any("Hello", ["he"]) is False


def test_empty_prefixes_and_strings():
    assert starts_with_any("hello", []) is False
    assert starts_with_any("", [""]) is True
    assert starts_with_any("abc", ["z", ""]) is True
