from divisor_sum import divisor_sum


def test_divisor_sum_normal():
    assert divisor_sum(6) == 12
    assert divisor_sum(12) == 28
    assert divisor_sum(10) == 18
    assert divisor_sum(28) == 56


def test_divisor_sum_edge_cases():
    assert divisor_sum(1) == 1
    assert divisor_sum(7) == 8
    assert divisor_sum(9) == 13
    assert divisor_sum(16) == 31
