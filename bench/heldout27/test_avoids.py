from avoids import avoids


def test_avoids_normal():
    assert avoids("hello", "xyz") is True
    assert avoids("hello", "aeiou") is False
    assert avoids("sky", "aeiou") is True


def test_avoids_edge_cases():
    assert avoids("hello", "") is True
    assert avoids("", "abc") is True
    assert avoids("hello", "E") is True
    assert avoids("Hello", "H") is False
