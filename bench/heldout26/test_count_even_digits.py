from count_even_digits import count_even_digits


def test_count_even_digits_normal():
    assert count_even_digits(1234) == 2
    assert count_even_digits(2468) == 4
    assert count_even_digits(135) == 0


def test_count_even_digits_edge_cases():
    assert count_even_digits(0) == 1
    assert count_even_digits(1000) == 3
    assert count_even_digits(7) == 0
