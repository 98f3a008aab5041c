from change_due import change_due


def test_change_due():
    assert change_due(7, 10) == 3
    assert change_due(2.5, 5) == 2.5
    assert change_due(0, 20) == 20


def test_exact_and_short():
    assert change_due(5, 5) == 0
    assert change_due(10, 7) is None
    assert change_due(0, 0) == 0
    assert change_due(3, 2.99) is None
