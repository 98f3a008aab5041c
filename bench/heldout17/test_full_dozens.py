from full_dozens import full_dozens


def test_full_dozens():
    assert full_dozens(24) == 2
    assert full_dozens(30) == 2
    assert full_dozens(100) == 8


def test_small_counts():
    assert full_dozens(0) == 0
    assert full_dozens(11) == 0
    assert full_dozens(12) == 1
    assert full_dozens(13) == 1
