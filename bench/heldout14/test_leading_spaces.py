from leading_spaces import leading_spaces


def test_leading_spaces():
    assert leading_spaces("  ab") == 2
    assert leading_spaces("    x = 1") == 4
    assert leading_spaces("a b c") == 0


def test_empty_and_only_spaces():
    assert leading_spaces("") == 0
    assert leading_spaces("   ") == 3
    assert leading_spaces(" a  b") == 1
    assert leading_spaces("\tx") == 0
