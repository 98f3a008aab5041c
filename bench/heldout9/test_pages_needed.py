from pages_needed import pages_needed


def test_pages_needed():
    assert pages_needed(10, 5) == 2
    assert pages_needed(11, 5) == 3
    assert pages_needed(1, 20) == 1


def test_zero_and_one_per_page():
    assert pages_needed(0, 5) == 0
    assert pages_needed(7, 1) == 7
    assert pages_needed(9, 10) == 1
