from polygon_perimeter import polygon_perimeter


def test_polygon_perimeter_normal():
    assert polygon_perimeter(3, 5) == 15
    assert polygon_perimeter(4, 2.5) == 10
    assert polygon_perimeter(6, 1) == 6


def test_polygon_perimeter_edge_cases():
    assert polygon_perimeter(10, 0) == 0
    assert polygon_perimeter(5, 7) == 35
    assert polygon_perimeter(8, 0.5) == 4
