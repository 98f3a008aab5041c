from remove_punctuation import remove_punctuation


def test_remove_punctuation():
    assert remove_punctuation("Hello, world!") == "Hello world"
    assert remove_punctuation("it's 5:30 p.m.") == "its 530 pm"
    assert remove_punctuation("(a+b)*[c-d]") == "abcd"
    assert remove_punctuation("no punctuation here") == "no punctuation here"


def test_edge_cases():
    assert remove_punctuation("") == ""
    assert remove_punctuation("?!.") == ""
