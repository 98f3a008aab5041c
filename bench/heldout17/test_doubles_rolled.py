from doubles_rolled import doubles_rolled


def test_doubles_rolled():
    assert doubles_rolled([[1, 1], [2, 5], [6, 6]]) == 2
    assert doubles_rolled([[3, 4]]) == 0
    assert doubles_rolled([[2, 2], [2, 2]]) == 2


def test_empty_and_reversed():
    assert doubles_rolled([]) == 0
    assert doubles_rolled([[1, 6], [6, 1]]) == 0
    assert doubles_rolled([[5, 5]]) == 1
