from circle_circumference import circle_circumference


def test_circle_circumference_normal():
    assert circle_circumference(1) == 6.28
    assert circle_circumference(2) == 12.57
    assert circle_circumference(10) == 62.83
    assert circle_circumference(0.5) == 3.14


def test_circle_circumference_edge_cases():
    assert circle_circumference(0) == 0.0
    assert circle_circumference(100) == 628.32
    assert circle_circumference(1.5) == 9.42
