from same_char_counts import same_char_counts


def test_same_char_counts_normal():
    assert same_char_counts("abab") is True
    assert same_char_counts("aabbc") is False
    assert same_char_counts("abc") is True
    assert same_char_counts("aaabbb") is True


def test_same_char_counts_edge_cases():
    assert same_char_counts("") is True
    assert same_char_counts("z") is True
    assert same_char_counts("aA") is True
    assert same_char_counts("aAa") is False
