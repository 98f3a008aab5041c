from text_between import text_between


def test_text_between():
    assert text_between("x[abc]y", "[", "]") == "abc"
    assert text_between("<b>bold</b> and <b>more</b>", "<b>", "</b>") == "bold"
    assert text_between("a=1;b=2;", "=", ";") == "1"
    assert text_between("(x)(y)", "(", ")") == "x"


def test_missing_markers():
    assert text_between("abc", "[", "]") == ""
    assert text_between("a]b[c", "[", "]") == ""
    assert text_between("[]", "[", "]") == ""
