from last_chars import last_chars


def test_last_chars():
    assert last_chars(["cat", "dog"]) == "tg"
    assert last_chars(["a"]) == "a"
    assert last_chars(["hello", "world", "!"]) == "od!"


def test_empty():
    assert last_chars([]) == ""
    assert last_chars(["", "hi"]) == "i"
    assert last_chars(["ab", "", "cd"]) == "bd"
