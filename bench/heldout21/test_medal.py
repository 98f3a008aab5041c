from medal import medal


def test_medal():
    assert medal(1) == "gold"
    assert medal(2) == "silver"
    assert medal(3) == "bronze"


def test_no_medal():
    assert medal(4) == ""
    assert medal(10) == ""
    assert medal(100) == ""
