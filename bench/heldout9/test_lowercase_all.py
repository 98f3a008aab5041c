from lowercase_all import lowercase_all


def test_lowercase_all():
    assert lowercase_all(["Hello", "WORLD"]) == ["hello", "world"]
    assert lowercase_all(["abc"]) == ["abc"]


def test_empty_and_mixed():
    assert lowercase_all([]) == []
    assert lowercase_all(["", "MiXeD 1"]) == ["", "mixed 1"]
    words = ["UP"]
    assert lowercase_all(words) == ["up"]
    assert words == ["UP"]
