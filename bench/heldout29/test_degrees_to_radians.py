from degrees_to_radians import degrees_to_radians


def test_degrees_to_radians_normal():
    assert degrees_to_radians(180) == 3.1416
    assert degrees_to_radians(90) == 1.5708
    assert degrees_to_radians(45) == 0.7854
    assert degrees_to_radians(360) == 6.2832


def test_degrees_to_radians_edge_cases():
    assert degrees_to_radians(0) == 0.0
    assert degrees_to_radians(1) == 0.0175
    assert degrees_to_radians(-90) == -1.5708
