from sphere_volume import sphere_volume


def test_sphere_volume_normal():
    assert sphere_volume(1) == 4.19
    assert sphere_volume(2) == 33.51
    assert sphere_volume(3) == 113.1
    assert sphere_volume(0.5) == 0.52


def test_sphere_volume_edge_cases():
    assert sphere_volume(0) == 0.0
    assert sphere_volume(10) == 4188.79
    assert sphere_volume(1.5) == 14.14
