from make_sentence import make_sentence


def test_make_sentence():
    assert make_sentence(["the", "cat", "sat"]) == "The cat sat."
    assert make_sentence(["hello"]) == "Hello."
    assert make_sentence(["i", "like", "NASA"]) == "I like NASA."


def test_empty_and_capitals():
    assert make_sentence([]) == ""
    assert make_sentence(["Already", "big"]) == "Already big."
    assert make_sentence(["x", "Y"]) == "X Y."
