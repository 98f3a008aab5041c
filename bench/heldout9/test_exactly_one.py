from exactly_one import exactly_one


def test_exactly_one():
    assert exactly_one(True, False, False) is True
    assert exactly_one(False, False, True) is True
    assert exactly_one(False, True, False) is True


def test_none_two_or_three():
    assert exactly_one(False, False, False) is False
    assert exactly_one(True, True, False) is False
    assert exactly_one(True, True, True) is False
