from longer_string import longer_string


def test_longer_string():
    assert longer_string("hi", "hello") == "hello"
    assert longer_string("abcd", "xy") == "abcd"
    assert longer_string("cat", "dog") == "cat"


def test_empty_strings():
    assert longer_string("", "") == ""
    assert longer_string("", "a") == "a"
    assert longer_string("b", "") == "b"
