from bounce_height import bounce_height


def test_bounce_height():
    assert bounce_height(8, 1) == 4.0
    assert bounce_height(8, 3) == 1.0
    assert bounce_height(10, 2) == 2.5
    assert bounce_height(1, 2) == 0.25


def test_no_bounce():
    assert bounce_height(5, 0) == 5.0
    assert bounce_height(0, 3) == 0.0
    assert bounce_height(2.5, 0) == 2.5
