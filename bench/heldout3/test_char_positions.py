from char_positions import char_positions


def test_char_positions():
    assert char_positions("banana", "a") == [1, 3, 5]
    assert char_positions("banana", "b") == [0]
    assert char_positions("aaa", "a") == [0, 1, 2]


def test_not_found():
    assert char_positions("Banana", "b") == []
    assert char_positions("", "a") == []
