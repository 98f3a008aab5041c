from first_sentence import first_sentence


def test_first_sentence():
    assert first_sentence("Hi. How are you.") == "Hi."
    assert first_sentence("One. Two. Three.") == "One."
    assert first_sentence("no dot here") == "no dot here"


def test_empty_and_edge():
    assert first_sentence("") == ""
    assert first_sentence(".") == "."
    assert first_sentence("a.b") == "a."
