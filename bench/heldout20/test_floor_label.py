from floor_label import floor_label


def test_floor_label():
    assert floor_label(-2) == "B2"
    assert floor_label(3) == "3"
    assert floor_label(12) == "12"
    assert floor_label(-1) == "B1"


def test_ground():
    assert floor_label(0) == "G"
    assert floor_label(1) == "1"
    assert floor_label(-10) == "B10"
