from is_dotfile import is_dotfile


def test_is_dotfile():
    assert is_dotfile(".bashrc") is True
    assert is_dotfile("notes.txt") is False
    assert is_dotfile(".git") is True
    assert is_dotfile("a.") is False


def test_dots_and_empty():
    assert is_dotfile(".") is False
    assert is_dotfile("..") is False
    assert is_dotfile("...") is True
    assert is_dotfile("") is False
