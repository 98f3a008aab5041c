from sum_values import sum_values


def test_sum_values():
    assert sum_values({"a": 1, "b": 2}) == 3
    assert sum_values({}) == 0
    assert sum_values({"x": -5, "y": 5}) == 0
    assert sum_values({"k": 2.5}) == 2.5
    assert sum_values({1: 10, 2: 20, 3: 30}) == 60
