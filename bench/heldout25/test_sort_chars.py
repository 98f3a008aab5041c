from sort_chars import sort_chars


def test_sort_chars_normal():
    assert sort_chars("cba") == "abc"
    assert sort_chars("banana") == "aaabnn"
    assert sort_chars("python") == "hnopty"


def test_sort_chars_edge_cases():
    assert sort_chars("") == ""
    assert sort_chars("bA") == "Ab"
    assert sort_chars("a") == "a"
    assert sort_chars("321") == "123"
