from is_tautogram import is_tautogram


def test_is_tautogram():
    assert is_tautogram("Peter Piper picked") is True
    assert is_tautogram("big Bad bear") is True
    assert is_tautogram("big red bus") is False
    assert is_tautogram("a b A c") is False


def test_one_word_and_empty():
    assert is_tautogram("Hello") is True
    assert is_tautogram("  sun\tSea  ") is True
    assert is_tautogram("") is True
    assert is_tautogram("   ") is True
