from contains_word import contains_word


def test_contains_word():
    assert contains_word("the cat sat", "cat") is True
    assert contains_word("the cat sat", "dog") is False
    assert contains_word("cat", "cat") is True


def test_parts_of_words():
    assert contains_word("the cat sat", "at") is False
    assert contains_word("concatenate", "cat") is False
    assert contains_word("Cat nap", "cat") is False
    assert contains_word("", "cat") is False
