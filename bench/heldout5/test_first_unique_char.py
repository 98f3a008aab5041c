from first_unique_char import first_unique_char


def test_first_unique_char():
    assert first_unique_char("leetcode") == 0
    assert first_unique_char("loveleetcode") == 2
    assert first_unique_char("abab c") == 4


def test_case_and_none():
    assert first_unique_char("aA") == 0
    assert first_unique_char("aabb") == -1
    assert first_unique_char("") == -1
