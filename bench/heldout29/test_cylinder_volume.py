from cylinder_volume import cylinder_volume


def test_cylinder_volume_normal():
    assert cylinder_volume(1, 1) == 3.14
    assert cylinder_volume(2, 3) == 37.7
    assert cylinder_volume(3, 5) == 141.37
    assert cylinder_volume(1, 10) == 31.42


def test_cylinder_volume_edge_cases():
    assert cylinder_volume(0, 5) == 0.0
    assert cylinder_volume(5, 0) == 0.0
    assert cylinder_volume(0.5, 2) == 1.57
