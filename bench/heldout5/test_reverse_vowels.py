from reverse_vowels import reverse_vowels


def test_reverse_vowels():
    assert reverse_vowels("hello") == "holle"
    assert reverse_vowels("leetcode") == "leotcede"
    assert reverse_vowels("AbcE") == "EbcA"
    assert reverse_vowels("aA") == "Aa"


def test_few_vowels():
    assert reverse_vowels("xyz") == "xyz"
    assert reverse_vowels("cat") == "cat"
    assert reverse_vowels("") == ""
