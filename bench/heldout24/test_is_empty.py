from is_empty import is_empty


def test_is_empty():
    assert is_empty([]) is True
    assert is_empty([1]) is False
    assert is_empty([1, 2, 3]) is False


def test_falsy_items_count():
    assert is_empty([0]) is False
    assert is_empty([None]) is False
    assert is_empty([""]) is False
    assert is_empty([[]]) is False
