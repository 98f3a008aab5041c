from season import season


def test_season():
    assert season(1) == "winter"
    assert season(4) == "spring"
    assert season(7) == "summer"
    assert season(10) == "autumn"


def test_boundaries():
    assert season(12) == "winter"
    assert season(2) == "winter"
    assert season(3) == "spring"
    assert season(5) == "spring"
    assert season(6) == "summer"
    assert season(8) == "summer"
    assert season(9) == "autumn"
    assert season(11) == "autumn"
