from km_to_meters import km_to_meters


def test_km_to_meters_normal():
    assert km_to_meters(1) == 1000
    assert km_to_meters(3) == 3000
    assert km_to_meters(42) == 42000


def test_km_to_meters_edge_cases():
    assert km_to_meters(0) == 0
    assert km_to_meters(2.5) == 2500
    assert km_to_meters(0.25) == 250
