from pick_chars import pick_chars


def test_pick_chars():
    assert pick_chars("hello", [0, 4]) == "ho"
    assert pick_chars("abc", [2, 1, 0]) == "cba"
    assert pick_chars("abc", [1, 1]) == "bb"


def test_empty_positions():
    assert pick_chars("abc", []) == ""
    assert pick_chars("", []) == ""
