from is_weekend import is_weekend


def test_is_weekend():
    assert is_weekend("Saturday") is True
    assert is_weekend("Sunday") is True
    assert is_weekend("Monday") is False


def test_other_spellings():
    assert is_weekend("saturday") is False
    assert is_weekend("Sun") is False
    assert is_weekend("") is False
