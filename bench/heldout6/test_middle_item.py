from middle_item import middle_item


def test_middle_item():
    assert middle_item([1, 2, 3]) == 2
    assert middle_item([1, 2, 3, 4]) == 3
    assert middle_item(["a", "b", "c", "d", "e"]) == "c"


def test_short_lists():
    assert middle_item([]) is None
    assert middle_item([7]) == 7
    assert middle_item([8, 9]) == 9
