from speeding_fine import speeding_fine


def test_speeding_fine():
    assert speeding_fine(65, 50) == 100
    assert speeding_fine(120, 50) == 300
    assert speeding_fine(40, 50) == 0
    assert speeding_fine(35, 30) == 100


def test_boundaries():
    assert speeding_fine(50, 50) == 0
    assert speeding_fine(51, 50) == 100
    assert speeding_fine(70, 50) == 100
    assert speeding_fine(71, 50) == 300
