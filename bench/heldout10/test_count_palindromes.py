from count_palindromes import count_palindromes


def test_count_palindromes():
    assert count_palindromes(["level", "abc", "noon"]) == 2
    assert count_palindromes(["ab", "ba"]) == 0
    assert count_palindromes(["a", "bb", "a"]) == 3


def test_empty_and_case():
    assert count_palindromes([]) == 0
    assert count_palindromes(["", "x"]) == 2
    assert count_palindromes(["Aba", "Noon"]) == 0
