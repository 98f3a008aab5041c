from total_minutes import total_minutes


def test_total_minutes():
    assert total_minutes([[1, 30], [0, 45]]) == 135
    assert total_minutes([[2, 0]]) == 120
    assert total_minutes([[0, 5], [0, 10]]) == 15


def test_empty_and_zero():
    assert total_minutes([]) == 0
    assert total_minutes([[0, 0]]) == 0
    assert total_minutes([[1, 59], [0, 1]]) == 120
