from is_permutation import is_permutation


def test_is_permutation_normal():
    assert is_permutation([3, 1, 2]) is True
    assert is_permutation([1, 2, 3, 4]) is True
    assert is_permutation([1, 3]) is False
    assert is_permutation([1, 1]) is False


def test_is_permutation_edge_cases():
    assert is_permutation([]) is True
    assert is_permutation([1]) is True
    assert is_permutation([0]) is False
    assert is_permutation([2, 1, 2]) is False
