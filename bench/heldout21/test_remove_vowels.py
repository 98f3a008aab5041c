from remove_vowels import remove_vowels


def test_remove_vowels():
    assert remove_vowels("hello") == "hll"
    assert remove_vowels("Apple Pie!") == "ppl P!"
    assert remove_vowels("banana") == "bnn"


def test_edges():
    assert remove_vowels("AEIOUaeiou") == ""
    assert remove_vowels("Rhythm") == "Rhythm"
    assert remove_vowels("yay") == "yy"
    assert remove_vowels("") == ""
