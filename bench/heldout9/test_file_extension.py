from file_extension import file_extension


def test_file_extension():
    assert file_extension("notes.txt") == "txt"
    assert file_extension("archive.tar.gz") == "gz"
    assert file_extension("README") == ""


def test_dot_at_ends_and_empty():
    assert file_extension("photo.") == ""
    assert file_extension(".bashrc") == "bashrc"
    assert file_extension("") == ""
