from gray_code import gray_code


def test_gray_code_normal():
    assert gray_code(5) == 7
    assert gray_code(2) == 3
    assert gray_code(3) == 2
    assert gray_code(4) == 6


def test_gray_code_edge_cases():
    assert gray_code(0) == 0
    assert gray_code(1) == 1
    assert gray_code(15) == 8
    assert gray_code(8) == 12
