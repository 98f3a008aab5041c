from count_halvings import count_halvings


def test_count_halvings():
    assert count_halvings(12) == 2
    assert count_halvings(8) == 3
    assert count_halvings(40) == 3


def test_odd_and_large():
    assert count_halvings(1) == 0
    assert count_halvings(7) == 0
    assert count_halvings(1024) == 10
