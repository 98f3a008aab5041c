from count_empty import count_empty


def test_count_empty():
    assert count_empty(["", "a", ""]) == 2
    assert count_empty(["a", "b"]) == 0
    assert count_empty([""]) == 1


def test_empty_list_and_spaces():
    assert count_empty([]) == 0
    assert count_empty([" ", ""]) == 1
    assert count_empty(["", "", ""]) == 3
