from polygon_angle_sum import polygon_angle_sum


def test_polygon_angle_sum_normal():
    assert polygon_angle_sum(3) == 180
    assert polygon_angle_sum(5) == 540
    assert polygon_angle_sum(6) == 720


def test_polygon_angle_sum_edge_cases():
    assert polygon_angle_sum(8) == 1080
    assert polygon_angle_sum(12) == 1800
    assert polygon_angle_sum(100) == 17640
