from people_on_bus import people_on_bus


def test_people_on_bus():
    assert people_on_bus([[5, 0], [3, 2], [0, 4]]) == 2
    assert people_on_bus([[10, 0]]) == 10
    assert people_on_bus([[3, 0], [4, 1], [2, 8]]) == 0


def test_empty_and_zero():
    assert people_on_bus([]) == 0
    assert people_on_bus([[0, 0], [0, 0]]) == 0
    assert people_on_bus([[6, 0], [0, 6], [1, 0]]) == 1
