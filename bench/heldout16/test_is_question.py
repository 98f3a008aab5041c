from is_question import is_question


def test_is_question():
    assert is_question("How are you?") is True
    assert is_question("Hi.") is False
    assert is_question("Is it? No") is False


def test_trailing_space_and_empty():
    assert is_question("Why? ") is True
    assert is_question("?") is True
    assert is_question("") is False
    assert is_question("   ") is False
