from numbered import numbered


def test_numbered():
    assert numbered(["tea", "milk"]) == ["1. tea", "2. milk"]
    assert numbered(["x"]) == ["1. x"]


def test_empty_and_long():
    assert numbered([]) == []
    assert numbered(["a"] * 10)[-1] == "10. a"
    assert numbered(["", "b"]) == ["1. ", "2. b"]
