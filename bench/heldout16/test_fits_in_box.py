from fits_in_box import fits_in_box


def test_fits_in_box():
    assert fits_in_box(2, 3, 4, 5) is True
    assert fits_in_box(5, 3, 4, 5) is False
    assert fits_in_box(2, 6, 4, 5) is False


def test_exact_and_turned():
    assert fits_in_box(4, 5, 4, 5) is True
    assert fits_in_box(4, 1, 4, 5) is True
    assert fits_in_box(5, 4, 4, 5) is False
    assert fits_in_box(0, 0, 0, 0) is True
