from water_state import water_state


def test_water_state():
    assert water_state(-5) == "solid"
    assert water_state(20) == "liquid"
    assert water_state(150) == "gas"


def test_boundaries():
    assert water_state(0) == "liquid"
    assert water_state(100) == "gas"
    assert water_state(99.5) == "liquid"
