from is_whole_number import is_whole_number


def test_is_whole_number_normal():
    assert is_whole_number(5) is True
    assert is_whole_number(5.0) is True
    assert is_whole_number(5.5) is False


def test_is_whole_number_edge_cases():
    assert is_whole_number(-2.0) is True
    assert is_whole_number(0) is True
    assert is_whole_number(0.0) is True
    assert is_whole_number(-0.25) is False
