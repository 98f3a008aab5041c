from extract_ints import extract_ints


def test_extract_ints():
    assert extract_ints("a1b22c333") == [1, 22, 333]
    assert extract_ints("room 42, floor 7") == [42, 7]
    assert extract_ints("-5 and 007") == [5, 7]


def test_none():
    assert extract_ints("no digits") == []
    assert extract_ints("") == []
