from upper_vowels import upper_vowels


def test_upper_vowels_normal():
    assert upper_vowels("banana") == "bAnAnA"
    assert upper_vowels("sky") == "sky"
    assert upper_vowels("Quiet Tree") == "QUIEt TrEE"


def test_upper_vowels_edge_cases():
    assert upper_vowels("") == ""
    assert upper_vowels("APPLE") == "APPLE"
    assert upper_vowels("yes") == "yEs"
    assert upper_vowels("aB1!") == "AB1!"
