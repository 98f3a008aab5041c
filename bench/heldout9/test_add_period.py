from add_period import add_period


def test_add_period():
    assert add_period("Hello") == "Hello."
    assert add_period("Done.") == "Done."
    assert add_period("Wait!") == "Wait!."


def test_inner_dots_and_empty():
    assert add_period("") == "."
    assert add_period("...") == "..."
    assert add_period("a. b") == "a. b."
