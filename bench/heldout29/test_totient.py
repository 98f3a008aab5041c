from totient import totient


def test_totient_normal():
    assert totient(9) == 6
    assert totient(10) == 4
    assert totient(12) == 4
    assert totient(7) == 6


def test_totient_edge_cases():
    assert totient(1) == 1
    assert totient(2) == 1
    assert totient(36) == 12
    assert totient(13) == 12
