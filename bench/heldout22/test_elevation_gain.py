from elevation_gain import elevation_gain


def test_elevation_gain():
    assert elevation_gain([100, 130, 120, 150]) == 60
    assert elevation_gain([1, 2, 3]) == 2
    assert elevation_gain([0, 10, 0, 10]) == 20


def test_descents_flat_and_short():
    assert elevation_gain([5, 3, 1]) == 0
    assert elevation_gain([4, 4, 4]) == 0
    assert elevation_gain([7]) == 0
    assert elevation_gain([]) == 0
