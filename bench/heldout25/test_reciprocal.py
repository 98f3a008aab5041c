from reciprocal import reciprocal


def test_reciprocal_normal():
    assert reciprocal(4) == 0.25
    assert reciprocal(2) == 0.5
    assert reciprocal(1) == 1
    assert reciprocal(10) == 0.1


def test_reciprocal_edge_cases():
    assert reciprocal(-4) == -0.25
    assert reciprocal(0.5) == 2
    assert reciprocal(-1) == -1
