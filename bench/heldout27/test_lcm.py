from lcm import lcm


def test_lcm_normal():
    assert lcm(4, 6) == 12
    assert lcm(3, 5) == 15
    assert lcm(12, 18) == 36


def test_lcm_edge_cases():
    assert lcm(1, 7) == 7
    assert lcm(5, 5) == 5
    assert lcm(8, 4) == 8
