from count_down import count_down


def test_count_down():
    assert count_down(4) == [4, 3, 2, 1]
    assert count_down(1) == [1]
    assert count_down(6) == [6, 5, 4, 3, 2, 1]


def test_zero_and_negative():
    assert count_down(0) == []
    assert count_down(-3) == []
