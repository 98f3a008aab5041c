from maybe_upper import maybe_upper


def test_maybe_upper():
    assert maybe_upper("hi", True) == "HI"
    assert maybe_upper("hi", False) == "hi"
    assert maybe_upper("Hello World", True) == "HELLO WORLD"


def test_unchanged_and_empty():
    assert maybe_upper("MiXeD 1!", False) == "MiXeD 1!"
    assert maybe_upper("a1!", True) == "A1!"
    assert maybe_upper("", True) == ""
    assert maybe_upper("", False) == ""
