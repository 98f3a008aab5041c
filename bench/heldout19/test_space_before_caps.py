from space_before_caps import space_before_caps


def test_space_before_caps():
    assert space_before_caps("helloBigWorld") == "hello Big World"
    assert space_before_caps("HelloWorld") == "Hello World"
    assert space_before_caps("aB1C") == "a B1 C"
    assert space_before_caps("ABC") == "A B C"


def test_empty_and_no_caps():
    assert space_before_caps("") == ""
    assert space_before_caps("lower") == "lower"
    assert space_before_caps("X") == "X"
