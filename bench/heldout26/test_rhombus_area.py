from rhombus_area import rhombus_area


def test_rhombus_area_normal():
    assert rhombus_area(4, 6) == 12
    assert rhombus_area(10, 3) == 15
    assert rhombus_area(2, 2) == 2


def test_rhombus_area_edge_cases():
    assert rhombus_area(5, 3) == 7.5
    assert rhombus_area(0, 8) == 0
    assert rhombus_area(1, 1) == 0.5
