from digit_square_sum import digit_square_sum


def test_digit_square_sum_normal():
    assert digit_square_sum(23) == 13
    assert digit_square_sum(19) == 82
    assert digit_square_sum(100) == 1
    assert digit_square_sum(999) == 243


def test_digit_square_sum_edge_cases():
    assert digit_square_sum(0) == 0
    assert digit_square_sum(7) == 49
    assert digit_square_sum(10) == 1
