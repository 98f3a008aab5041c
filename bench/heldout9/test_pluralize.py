from pluralize import pluralize


def test_pluralize():
    assert pluralize("cat", 3) == "cats"
    assert pluralize("cat", 1) == "cat"
    assert pluralize("dog", 2) == "dogs"


def test_zero_negative_and_empty():
    assert pluralize("cat", 0) == "cats"
    assert pluralize("cat", -1) == "cats"
    assert pluralize("", 1) == ""
