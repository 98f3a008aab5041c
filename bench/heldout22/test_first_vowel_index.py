from first_vowel_index import first_vowel_index


def test_first_vowel_index():
    assert first_vowel_index("hello") == 1
    assert first_vowel_index("apple") == 0
    assert first_vowel_index("rhythm and") == 7


def test_case_and_none():
    assert first_vowel_index("SKY Ocean") == 4
    assert first_vowel_index("bcdE") == 3
    assert first_vowel_index("xyz") == -1
    assert first_vowel_index("") == -1
