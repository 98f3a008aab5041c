from trimmed_average import trimmed_average


def test_trimmed_average_normal():
    assert trimmed_average([1, 5, 3, 10]) == 4.0
    assert trimmed_average([1, 2, 3]) == 2.0
    assert trimmed_average([10, 0, 4, 6, 2]) == 4.0


def test_trimmed_average_edge_cases():
    assert trimmed_average([5, 5, 5]) == 5.0
    assert trimmed_average([1, 1, 9, 9]) == 5.0
    assert trimmed_average([-2, 0, 4, 100]) == 2.0
