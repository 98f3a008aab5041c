from miles_to_km import miles_to_km


def test_miles_to_km_normal():
    assert miles_to_km(1) == 1.61
    assert miles_to_km(10) == 16.09
    assert miles_to_km(26.2) == 42.16
    assert miles_to_km(100) == 160.93


def test_miles_to_km_edge_cases():
    assert miles_to_km(0) == 0.0
    assert miles_to_km(0.5) == 0.8
    assert miles_to_km(1000) == 1609.34
