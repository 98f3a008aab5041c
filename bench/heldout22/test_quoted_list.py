from quoted_list import quoted_list


def test_quoted_list():
    assert quoted_list(["a", "b"]) == '"a", "b"'
    assert quoted_list(["hi"]) == '"hi"'
    assert quoted_list(["x y", "z", "w"]) == '"x y", "z", "w"'


def test_empty():
    assert quoted_list([]) == ""
    assert quoted_list([""]) == '""'
    assert quoted_list(["a", "", "b"]) == '"a", "", "b"'
