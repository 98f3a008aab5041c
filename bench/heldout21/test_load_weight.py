from load_weight import load_weight


def test_load_weight():
    assert load_weight([{"weight": 2, "count": 3}]) == 6
    assert load_weight([{"weight": 2, "count": 3}, {"weight": 5, "count": 1}]) == 11
    assert load_weight([{"weight": 1.5, "count": 2}]) == 3.0


def test_zero_and_empty():
    assert load_weight([{"weight": 9, "count": 0}, {"weight": 4, "count": 2}]) == 8
    assert load_weight([{"weight": 9, "count": 0}]) == 0
    assert load_weight([]) == 0
