from stretch_chars import stretch_chars


def test_stretch_chars():
    assert stretch_chars("abc", 2) == "aabbcc"
    assert stretch_chars("ab", 1) == "ab"
    assert stretch_chars("a b", 3) == "aaa   bbb"


def test_edge_cases():
    assert stretch_chars("abc", 0) == ""
    assert stretch_chars("abc", -1) == ""
    assert stretch_chars("", 5) == ""
