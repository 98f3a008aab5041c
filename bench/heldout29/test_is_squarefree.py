from is_squarefree import is_squarefree


def test_is_squarefree_normal():
    assert is_squarefree(6) is True
    assert is_squarefree(30) is True
    assert is_squarefree(12) is False
    assert is_squarefree(18) is False


def test_is_squarefree_edge_cases():
    assert is_squarefree(1) is True
    assert is_squarefree(2) is True
    assert is_squarefree(4) is False
    assert is_squarefree(25) is False
