from dashes_to_spaces import dashes_to_spaces


def test_dashes_to_spaces():
    assert dashes_to_spaces("well-known") == "well known"
    assert dashes_to_spaces("a-b-c") == "a b c"
    assert dashes_to_spaces("no dashes") == "no dashes"


def test_edges_and_empty():
    assert dashes_to_spaces("") == ""
    assert dashes_to_spaces("--") == "  "
    assert dashes_to_spaces("-x-") == " x "
