from percentage import percentage


def test_percentage():
    assert percentage(1, 4) == 25.0
    assert percentage(1, 3) == 33.3
    assert percentage(2, 3) == 66.7
    assert percentage(5, 5) == 100.0


def test_zero_cases():
    assert percentage(0, 10) == 0.0
    assert percentage(3, 0) == 0.0
    assert percentage(0, 0) == 0.0
    assert percentage(3, 2) == 150.0
