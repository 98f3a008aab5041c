from is_abecedarian import is_abecedarian


def test_is_abecedarian_normal():
    assert is_abecedarian("abc") is True
    assert is_abecedarian("almost") is True
    assert is_abecedarian("abbey") is True
    assert is_abecedarian("hello") is False


def test_is_abecedarian_edge_cases():
    assert is_abecedarian("") is True
    assert is_abecedarian("a") is True
    assert is_abecedarian("ba") is False
    assert is_abecedarian("zz") is True
