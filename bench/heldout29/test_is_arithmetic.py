from is_arithmetic import is_arithmetic


def test_is_arithmetic_normal():
    assert is_arithmetic([1, 4, 7, 10]) is True
    assert is_arithmetic([10, 7, 4, 1]) is True
    assert is_arithmetic([5, 5, 5]) is True
    assert is_arithmetic([1, 2, 4, 8]) is False
    assert is_arithmetic([1, 3, 5, 8]) is False


def test_is_arithmetic_edge_cases():
    assert is_arithmetic([]) is True
    assert is_arithmetic([42]) is True
    assert is_arithmetic([3, 100]) is True
    assert is_arithmetic([1, 2, 1]) is False
