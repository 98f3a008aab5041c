from longest_char_run import longest_char_run


def test_longest_char_run():
    assert longest_char_run("aabbbc") == 3
    assert longest_char_run("abc") == 1
    assert longest_char_run("abbccdddd") == 4
    assert longest_char_run("aAaa") == 2


def test_edge_cases():
    assert longest_char_run("zzzz") == 4
    assert longest_char_run("") == 0
