from sum_csv import sum_csv


def test_sum_csv_normal():
    assert sum_csv("1,2,3") == 6
    assert sum_csv("10") == 10
    assert sum_csv("4, 5 ,6") == 15


def test_sum_csv_edge_cases():
    assert sum_csv("") == 0
    assert sum_csv("-3,3") == 0
    assert sum_csv("7,-10") == -3
