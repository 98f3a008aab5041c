from xor_all import xor_all


def test_xor_all_normal():
    assert xor_all([1, 2, 3]) == 0
    assert xor_all([5, 3]) == 6
    assert xor_all([4, 1, 4]) == 1


def test_xor_all_edge_cases():
    assert xor_all([]) == 0
    assert xor_all([7]) == 7
    assert xor_all([2, 2]) == 0
    assert xor_all([1, 2, 4, 8]) == 15
