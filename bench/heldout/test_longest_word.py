from longest_word import longest_word


def test_longest_word():
    assert longest_word("the quick brown fox") == "quick"
    assert longest_word("a bb ccc dd") == "ccc"
    assert longest_word("hello") == "hello"


def test_ties_and_empty():
    assert longest_word("cat dog pig") == "cat"
    assert longest_word("ab cd efg hij") == "efg"
    assert longest_word("") == ""
