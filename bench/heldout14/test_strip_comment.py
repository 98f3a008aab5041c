from strip_comment import strip_comment


def test_strip_comment():
    assert strip_comment("x = 1  # set x") == "x = 1"
    assert strip_comment("print(a)#note") == "print(a)"
    assert strip_comment("a # b # c") == "a"
    assert strip_comment("no comment ") == "no comment"


def test_indent_kept_and_empty():
    assert strip_comment("    y = 2 # c") == "    y = 2"
    assert strip_comment("# all comment") == ""
    assert strip_comment("") == ""
