from is_automorphic import is_automorphic


def test_is_automorphic_normal():
    assert is_automorphic(5) is True
    assert is_automorphic(25) is True
    assert is_automorphic(76) is True
    assert is_automorphic(7) is False


def test_is_automorphic_edge_cases():
    assert is_automorphic(0) is True
    assert is_automorphic(1) is True
    assert is_automorphic(10) is False
