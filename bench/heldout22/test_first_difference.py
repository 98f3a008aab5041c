from first_difference import first_difference


def test_first_difference():
    assert first_difference("cart", "care") == 3
    assert first_difference("abc", "xbc") == 0
    assert first_difference("Hello", "hello") == 0
    assert first_difference("abcd", "abXd") == 2


def test_prefix_and_equal():
    assert first_difference("ab", "abcd") == 2
    assert first_difference("abcd", "ab") == 2
    assert first_difference("", "x") == 0
    assert first_difference("abc", "abc") == -1
    assert first_difference("", "") == -1
