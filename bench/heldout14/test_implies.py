from implies import implies


def test_implies():
    assert implies(True, True) is True
    assert implies(True, False) is False
    assert implies(False, True) is True


def test_false_premise():
    assert implies(False, False) is True
    assert [implies(a, b) for a in (False, True) for b in (False, True)] == [
        True,
        True,
        False,
        True,
    ]
