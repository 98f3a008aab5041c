from change_extension import change_extension


def test_change_extension():
    assert change_extension("notes.txt", "md") == "notes.md"
    assert change_extension("photo.JPG", "png") == "photo.png"
    assert change_extension("archive.tar.gz", "zip") == "archive.tar.zip"


def test_no_dot_and_many_dots():
    assert change_extension("README", "txt") == "README.txt"
    assert change_extension("a.b.c", "d") == "a.b.d"
    assert change_extension("file.", "txt") == "file.txt"
