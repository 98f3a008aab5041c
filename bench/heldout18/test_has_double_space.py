from has_double_space import has_double_space


def test_has_double_space():
    assert has_double_space("a  b") is True
    assert has_double_space("a b c") is False
    assert has_double_space("end  ") is True
    assert has_double_space("  start") is True


def test_tabs_and_empty():
    assert has_double_space("") is False
    assert has_double_space(" ") is False
    assert has_double_space("a\t b") is False
    assert has_double_space("   ") is True
