from is_sentence_palindrome import is_sentence_palindrome


def test_palindromes():
    assert is_sentence_palindrome("A man, a plan, a canal: Panama")
    assert is_sentence_palindrome("No lemon, no melon")
    assert is_sentence_palindrome("")


def test_not_palindromes():
    assert not is_sentence_palindrome("Hello, world")
    assert not is_sentence_palindrome("ab")
