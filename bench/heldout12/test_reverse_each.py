from reverse_each import reverse_each


def test_reverse_each():
    assert reverse_each(["abc", "de"]) == ["cba", "ed"]
    assert reverse_each(["level"]) == ["level"]
    assert reverse_each(["ab", "cd", "ef"]) == ["ba", "dc", "fe"]


def test_empty_and_unchanged():
    assert reverse_each([]) == []
    assert reverse_each([""]) == [""]
    words = ["ab", "x"]
    assert reverse_each(words) == ["ba", "x"]
    assert words == ["ab", "x"]
