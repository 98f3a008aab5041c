from future_value import future_value


def test_future_value_normal():
    assert future_value(1000, 10, 2) == 1210.0
    assert future_value(100, 5, 1) == 105.0
    assert future_value(2000, 4, 5) == 2433.31
    assert future_value(500, 3, 10) == 671.96


def test_future_value_edge_cases():
    assert future_value(1000, 10, 0) == 1000.0
    assert future_value(1000, 0, 5) == 1000.0
    assert future_value(0, 5, 10) == 0.0
