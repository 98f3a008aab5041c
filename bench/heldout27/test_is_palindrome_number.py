from is_palindrome_number import is_palindrome_number


def test_is_palindrome_number_normal():
    assert is_palindrome_number(121) is True
    assert is_palindrome_number(1221) is True
    assert is_palindrome_number(123) is False
    assert is_palindrome_number(10) is False


def test_is_palindrome_number_edge_cases():
    assert is_palindrome_number(0) is True
    assert is_palindrome_number(7) is True
    assert is_palindrome_number(-121) is False
    assert is_palindrome_number(1001) is True
