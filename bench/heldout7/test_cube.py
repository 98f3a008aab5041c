from cube import cube


def test_cube():
    assert cube(3) == 27
    assert cube(2) == 8
    assert cube(10) == 1000


def test_zero_and_negative():
    assert cube(0) == 0
    assert cube(-2) == -8
    assert cube(-1) == -1
