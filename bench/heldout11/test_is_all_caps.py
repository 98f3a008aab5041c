from is_all_caps import is_all_caps


def test_is_all_caps():
    assert is_all_caps("HELLO") is True
    assert is_all_caps("Hello") is False
    assert is_all_caps("HI THERE!") is True


def test_empty_and_no_letters():
    assert is_all_caps("") is False
    assert is_all_caps("123 !") is False
    assert is_all_caps("A1") is True
