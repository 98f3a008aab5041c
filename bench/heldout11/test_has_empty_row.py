from has_empty_row import has_empty_row


def test_has_empty_row():
    assert has_empty_row([[1], [], [2]]) is True
    assert has_empty_row([[1], [2, 3]]) is False
    assert has_empty_row([[]]) is True


def test_empty_and_falsy_items():
    assert has_empty_row([]) is False
    assert has_empty_row([[0]]) is False
    assert has_empty_row([[None], [""]]) is False
