from space_out import space_out


def test_space_out():
    assert space_out("abc") == "a b c"
    assert space_out("hi!") == "h i !"
    assert space_out("a b") == "a   b"


def test_short():
    assert space_out("") == ""
    assert space_out("a") == "a"
    assert space_out("ab") == "a b"
