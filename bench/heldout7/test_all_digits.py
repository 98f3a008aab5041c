from all_digits import all_digits


def test_all_digits():
    assert all_digits("123") is True
    assert all_digits("12a") is False
    assert all_digits("-5") is False


def test_empty_and_single():
    assert all_digits("") is False
    assert all_digits("0") is True
    assert all_digits(" ") is False
