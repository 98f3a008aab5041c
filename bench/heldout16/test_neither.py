from neither import neither


def test_neither():
    assert neither(False, False) is True
    assert neither(True, False) is False
    assert neither(False, True) is False


def test_both_true():
    assert neither(True, True) is False
