from needs_coat import needs_coat


def test_needs_coat():
    assert needs_coat(5, False) is True
    assert needs_coat(20, True) is True
    assert needs_coat(25, False) is False


def test_boundary():
    assert needs_coat(10, False) is False
    assert needs_coat(9.5, False) is True
    assert needs_coat(0, True) is True
    assert needs_coat(10, True) is True
