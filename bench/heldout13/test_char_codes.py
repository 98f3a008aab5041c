from char_codes import char_codes


def test_char_codes():
    assert char_codes("AB") == [65, 66]
    assert char_codes("a z") == [97, 32, 122]
    assert char_codes("0") == [48]


def test_empty_and_repeats():
    assert char_codes("") == []
    assert char_codes("!!") == [33, 33]
    assert char_codes("\n") == [10]
