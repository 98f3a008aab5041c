from can_form_palindrome import can_form_palindrome


def test_can_form_palindrome_normal():
    assert can_form_palindrome("carrace") is True
    assert can_form_palindrome("aabb") is True
    assert can_form_palindrome("abc") is False
    assert can_form_palindrome("aab") is True


def test_can_form_palindrome_edge_cases():
    assert can_form_palindrome("") is True
    assert can_form_palindrome("a") is True
    assert can_form_palindrome("Aa") is False
    assert can_form_palindrome("ab ba") is True
