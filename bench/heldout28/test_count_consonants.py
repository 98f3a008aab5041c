from count_consonants import count_consonants


def test_count_consonants_normal():
    assert count_consonants("hello") == 3
    assert count_consonants("Python") == 5
    assert count_consonants("AEIOU") == 0
    assert count_consonants("rhythm") == 6


def test_count_consonants_edge_cases():
    assert count_consonants("") == 0
    assert count_consonants("123 !?") == 0
    assert count_consonants("Yy") == 2
    assert count_consonants("b c") == 2
