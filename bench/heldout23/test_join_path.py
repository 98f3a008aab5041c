from join_path import join_path


def test_join_path():
    assert join_path("docs", "a.txt") == "docs/a.txt"
    assert join_path("docs/", "a.txt") == "docs/a.txt"
    assert join_path("/home/ann", "notes.md") == "/home/ann/notes.md"
    assert join_path("a/b", "c") == "a/b/c"


def test_root_and_empty():
    assert join_path("/", "etc") == "/etc"
    assert join_path("", "a.txt") == "a.txt"
    assert join_path("x", "") == "x/"
