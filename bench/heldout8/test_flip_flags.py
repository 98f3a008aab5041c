from flip_flags import flip_flags


def test_flip_flags():
    assert flip_flags([True, False]) == [False, True]
    assert flip_flags([True, True, True]) == [False, False, False]
    assert flip_flags([False, True, False]) == [True, False, True]


def test_short():
    assert flip_flags([]) == []
    assert flip_flags([False]) == [True]
