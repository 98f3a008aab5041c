from count_true import count_true


def test_count_true():
    assert count_true([True, False, True]) == 2
    assert count_true([True, True, True, True]) == 4
    assert count_true([False]) == 0


def test_empty_and_none_true():
    assert count_true([]) == 0
    assert count_true([False, False]) == 0
    assert count_true([True]) == 1
