from digit_list import digit_list


def test_digit_list_normal():
    assert digit_list(123) == [1, 2, 3]
    assert digit_list(4096) == [4, 0, 9, 6]
    assert digit_list(55) == [5, 5]


def test_digit_list_edge_cases():
    assert digit_list(0) == [0]
    assert digit_list(7) == [7]
    assert digit_list(100) == [1, 0, 0]
