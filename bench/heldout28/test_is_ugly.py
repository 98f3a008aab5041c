from is_ugly import is_ugly


def test_is_ugly_normal():
    assert is_ugly(6) is True
    assert is_ugly(8) is True
    assert is_ugly(30) is True
    assert is_ugly(14) is False
    assert is_ugly(49) is False


def test_is_ugly_edge_cases():
    assert is_ugly(1) is True
    assert is_ugly(0) is False
    assert is_ugly(-6) is False
    assert is_ugly(7) is False
