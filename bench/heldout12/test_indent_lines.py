from indent_lines import indent_lines


def test_indent_lines():
    assert indent_lines("a\nb", 2) == "  a\n  b"
    assert indent_lines("one", 4) == "    one"
    assert indent_lines("x\ny\nz", 1) == " x\n y\n z"


def test_empty_and_zero():
    assert indent_lines("", 3) == ""
    assert indent_lines("a\nb", 0) == "a\nb"
    assert indent_lines("a\n\nb", 1) == " a\n \n b"
