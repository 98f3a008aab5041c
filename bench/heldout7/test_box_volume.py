from box_volume import box_volume


def test_box_volume():
    assert box_volume(2, 3, 4) == 24
    assert box_volume(1, 1, 1) == 1
    assert box_volume(5, 2, 10) == 100


def test_zero_and_float():
    assert box_volume(0, 3, 4) == 0
    assert box_volume(2.5, 2, 2) == 10.0
