from has_space import has_space


def test_has_space():
    assert has_space("a b") is True
    assert has_space("ab") is False
    assert has_space("end ") is True


def test_empty_and_other_whitespace():
    assert has_space("") is False
    assert has_space(" ") is True
    assert has_space("a\tb") is False
    assert has_space("a\nb") is False
