from remove_whitespace import remove_whitespace


def test_remove_whitespace():
    assert remove_whitespace("a b c") == "abc"
    assert remove_whitespace(" hello\tworld\n") == "helloworld"
    assert remove_whitespace("nospace") == "nospace"
    assert remove_whitespace("") == ""
    assert remove_whitespace("   ") == ""
