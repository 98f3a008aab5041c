from is_symmetric import is_symmetric


def test_is_symmetric():
    assert is_symmetric([[1, 2], [2, 1]]) is True
    assert is_symmetric([[1, 2], [3, 1]]) is False
    assert is_symmetric([[1, 2, 3], [2, 5, 4], [3, 4, 9]]) is True
    assert is_symmetric([[1, 2], [1, 2]]) is False


def test_empty_and_small():
    assert is_symmetric([]) is True
    assert is_symmetric([[5]]) is True
    assert is_symmetric([[1, 0, 1], [0, 1, 0], [0, 1, 1]]) is False
