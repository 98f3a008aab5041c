from collapse_whitespace import collapse_whitespace


def test_collapse_whitespace_normal():
    assert collapse_whitespace("  a  b\tc ") == "a b c"
    assert collapse_whitespace("hello   world") == "hello world"
    assert collapse_whitespace("one\ntwo\n\nthree") == "one two three"
    assert collapse_whitespace("a b") == "a b"


def test_collapse_whitespace_edge_cases():
    assert collapse_whitespace("") == ""
    assert collapse_whitespace("   \t\n ") == ""
    assert collapse_whitespace("x") == "x"
    assert collapse_whitespace("  x  ") == "x"
