from times_table import times_table


def test_times_table():
    assert times_table(2) == [2, 4, 6, 8, 10, 12, 14, 16, 18, 20]
    assert times_table(5) == [5, 10, 15, 20, 25, 30, 35, 40, 45, 50]
    assert times_table(1) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]


def test_zero_and_negative():
    assert times_table(0) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    assert times_table(-3) == [-3, -6, -9, -12, -15, -18, -21, -24, -27, -30]
