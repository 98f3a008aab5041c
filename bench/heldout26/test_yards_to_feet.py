from yards_to_feet import yards_to_feet


def test_yards_to_feet_normal():
    assert yards_to_feet(1) == 3
    assert yards_to_feet(4) == 12
    assert yards_to_feet(100) == 300


def test_yards_to_feet_edge_cases():
    assert yards_to_feet(0) == 0
    assert yards_to_feet(2.5) == 7.5
    assert yards_to_feet(0.5) == 1.5
