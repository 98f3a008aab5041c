from next_multiple import next_multiple


def test_next_multiple():
    assert next_multiple(17, 5) == 20
    assert next_multiple(1, 3) == 3
    assert next_multiple(7, 1) == 7


def test_exact_zero_and_negative():
    assert next_multiple(20, 5) == 20
    assert next_multiple(0, 4) == 0
    assert next_multiple(-7, 5) == -5
