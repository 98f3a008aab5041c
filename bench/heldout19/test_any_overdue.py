from any_overdue import any_overdue


def test_any_overdue():
    assert any_overdue([{"due": 5, "returned": False}], 6) is True
    assert any_overdue([{"due": 1, "returned": True}], 10) is False
    loans = [{"due": 3, "returned": True}, {"due": 4, "returned": False}]
    assert any_overdue(loans, 7) is True


def test_due_today_and_empty():
    assert any_overdue([{"due": 5, "returned": False}], 5) is False
    assert any_overdue([{"due": 9, "returned": False}], 2) is False
    assert any_overdue([], 3) is False
