from battery_label import battery_label


def test_battery_label():
    assert battery_label(10) == "low"
    assert battery_label(50) == "ok"
    assert battery_label(95) == "full"


def test_boundaries():
    assert battery_label(0) == "low"
    assert battery_label(19) == "low"
    assert battery_label(20) == "ok"
    assert battery_label(79) == "ok"
    assert battery_label(80) == "full"
    assert battery_label(100) == "full"
