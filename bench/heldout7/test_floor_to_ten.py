from floor_to_ten import floor_to_ten


def test_floor_to_ten():
    assert floor_to_ten(47) == 40
    assert floor_to_ten(40) == 40


def test_small_and_negative():
    assert floor_to_ten(0) == 0
    assert floor_to_ten(5) == 0
    assert floor_to_ten(-3) == -10
    assert floor_to_ten(-47) == -50
