from multiplicative_persistence import multiplicative_persistence


def test_multiplicative_persistence_normal():
    assert multiplicative_persistence(39) == 3
    assert multiplicative_persistence(999) == 4
    assert multiplicative_persistence(25) == 2
    assert multiplicative_persistence(77) == 4


def test_multiplicative_persistence_edge_cases():
    assert multiplicative_persistence(0) == 0
    assert multiplicative_persistence(7) == 0
    assert multiplicative_persistence(10) == 1
    assert multiplicative_persistence(277777788888899) == 11
