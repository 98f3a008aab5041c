from is_zero import is_zero


def test_is_zero_normal():
    assert is_zero(0) is True
    assert is_zero(5) is False
    assert is_zero(-3) is False


def test_is_zero_edge_cases():
    assert is_zero(0.0) is True
    assert is_zero(0.001) is False
    assert is_zero(-0.5) is False
    assert is_zero(100) is False
