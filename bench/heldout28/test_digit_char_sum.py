from digit_char_sum import digit_char_sum


def test_digit_char_sum_normal():
    assert digit_char_sum("a12b3") == 6
    assert digit_char_sum("2024") == 8
    assert digit_char_sum("x9y9") == 18


def test_digit_char_sum_edge_cases():
    assert digit_char_sum("") == 0
    assert digit_char_sum("abc") == 0
    assert digit_char_sum("-5") == 5
    assert digit_char_sum("0 0") == 0
