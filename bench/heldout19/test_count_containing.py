from count_containing import count_containing


def test_count_containing():
    assert count_containing(["cat", "concat", "dog"], "cat") == 2
    assert count_containing(["Cat", "cat"], "cat") == 1
    assert count_containing(["banana", "band"], "an") == 2


def test_empty_cases():
    assert count_containing([], "x") == 0
    assert count_containing(["a", "b"], "") == 2
    assert count_containing(["", "x"], "") == 2
    assert count_containing(["", "x"], "y") == 0
