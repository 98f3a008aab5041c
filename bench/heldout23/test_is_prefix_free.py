from is_prefix_free import is_prefix_free


def test_is_prefix_free():
    assert is_prefix_free(["911", "97625999", "91125426"]) is False
    assert is_prefix_free(["113", "12340", "123440"]) is True
    assert is_prefix_free(["hello", "he"]) is False
    assert is_prefix_free(["b", "ab", "A"]) is True


def test_repeats_and_short():
    assert is_prefix_free(["ab", "ab"]) is False
    assert is_prefix_free(["x", ""]) is False
    assert is_prefix_free(["a"]) is True
    assert is_prefix_free([]) is True
