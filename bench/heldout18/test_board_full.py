from board_full import board_full


def test_board_full():
    assert board_full([["X", "O"], ["O", "X"]]) is True
    assert board_full([["X", " "], ["O", "X"]]) is False
    assert board_full([["X", "O", "X"], ["O", "X", "O"], ["O", "X", " "]]) is False


def test_empty_and_small():
    assert board_full([]) is True
    assert board_full([[]]) is True
    assert board_full([[" "]]) is False
    assert board_full([["."]]) is True
