from can_vote import can_vote


def test_can_vote():
    assert can_vote(18, True) is True
    assert can_vote(30, True) is True
    assert can_vote(17, True) is False


def test_not_citizen_or_young():
    assert can_vote(40, False) is False
    assert can_vote(10, False) is False
    assert can_vote(0, True) is False
    assert can_vote(99, True) is True
