from char_list import char_list


def test_char_list():
    assert char_list("abc") == ["a", "b", "c"]
    assert char_list("aa") == ["a", "a"]
    assert char_list("x") == ["x"]


def test_spaces_and_empty():
    assert char_list("a b") == ["a", " ", "b"]
    assert char_list("1!") == ["1", "!"]
    assert char_list("") == []
