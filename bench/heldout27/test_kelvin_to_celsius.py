from kelvin_to_celsius import kelvin_to_celsius


def test_kelvin_to_celsius_normal():
    assert kelvin_to_celsius(273.15) == 0.0
    assert kelvin_to_celsius(373.15) == 100.0
    assert kelvin_to_celsius(300) == 26.85


def test_kelvin_to_celsius_edge_cases():
    assert kelvin_to_celsius(0) == -273.15
    assert kelvin_to_celsius(200.5) == -72.65
    assert kelvin_to_celsius(310.15) == 37.0
