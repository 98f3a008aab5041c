from is_yes import is_yes


def test_is_yes():
    assert is_yes("yes") is True
    assert is_yes("Y") is True
    assert is_yes("  Yes ") is True
    assert is_yes("YES\n") is True


def test_other_answers():
    assert is_yes("") is False
    assert is_yes("no") is False
    assert is_yes("yeah") is False
    assert is_yes("y es") is False
