from hangman_mask import hangman_mask


def test_hangman_mask():
    assert hangman_mask("apple", "pa") == "app__"
    assert hangman_mask("cat", "tca") == "cat"
    assert hangman_mask("dog", "") == "___"
    assert hangman_mask("banana", "n") == "__n_n_"


def test_case_and_empty():
    assert hangman_mask("Bob", "b") == "__b"
    assert hangman_mask("Bob", "Bo") == "Bo_"
    assert hangman_mask("", "abc") == ""
