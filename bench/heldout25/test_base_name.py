from base_name import base_name


def test_base_name_normal():
    assert base_name("/usr/bin/python") == "python"
    assert base_name("readme.md") == "readme.md"
    assert base_name("a/b.c/d.txt") == "d.txt"


def test_base_name_edge_cases():
    assert base_name("a/b/") == ""
    assert base_name("/") == ""
    assert base_name("dir/.hidden") == ".hidden"
