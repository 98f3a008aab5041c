from wind_label import wind_label


def test_wind_label():
    assert wind_label(1) == "calm"
    assert wind_label(10) == "breeze"
    assert wind_label(50) == "gale"
    assert wind_label(120) == "storm"


def test_bounds():
    assert wind_label(0) == "calm"
    assert wind_label(2) == "breeze"
    assert wind_label(39) == "gale"
    assert wind_label(89) == "storm"
