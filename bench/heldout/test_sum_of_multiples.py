from sum_of_multiples import sum_of_multiples


def test_sum_of_multiples():
    assert sum_of_multiples(10, [3, 5]) == 23
    assert sum_of_multiples(20, [3, 5]) == 78
    assert sum_of_multiples(20, [7, 13, 17]) == 51
    assert sum_of_multiples(15, [4, 6]) == 30


def test_edges():
    assert sum_of_multiples(1, [3, 5]) == 0
    assert sum_of_multiples(3, [3]) == 0
    assert sum_of_multiples(10, []) == 0
