from count_vowels import count_vowels


def test_count_vowels():
    assert count_vowels("") == 0
    assert count_vowels("rhythm") == 0
    assert count_vowels("Hello World") == 3
    assert count_vowels("AEIOUaeiou") == 10
    assert count_vowels("Programming in Python") == 5
