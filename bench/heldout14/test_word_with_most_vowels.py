from word_with_most_vowels import word_with_most_vowels


def test_word_with_most_vowels():
    assert word_with_most_vowels(["sky", "tree", "banana"]) == "banana"
    assert word_with_most_vowels(["cat", "dog"]) == "cat"


def test_empty_case_and_ties():
    assert word_with_most_vowels([]) == ""
    assert word_with_most_vowels(["EAR", "ox"]) == "EAR"
    assert word_with_most_vowels(["rhythm", "why"]) == "rhythm"
    assert word_with_most_vowels(["by", "AIR", "oat"]) == "AIR"
