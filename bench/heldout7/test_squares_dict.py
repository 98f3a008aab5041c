from squares_dict import squares_dict


def test_squares_dict():
    assert squares_dict(3) == {1: 1, 2: 4, 3: 9}
    assert squares_dict(1) == {1: 1}
    assert squares_dict(5) == {1: 1, 2: 4, 3: 9, 4: 16, 5: 25}


def test_zero_and_negative():
    assert squares_dict(0) == {}
    assert squares_dict(-2) == {}
