from card_value import card_value


def test_card_value():
    assert card_value("2") == 2
    assert card_value("7") == 7
    assert card_value("10") == 10
    assert card_value("K") == 10


def test_ace_and_faces():
    assert card_value("A") == 11
    assert card_value("Q") == 10
    assert card_value("J") == 10
