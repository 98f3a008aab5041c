from color_mix import color_mix


def test_color_mix():
    assert color_mix("red", "yellow") == "orange"
    assert color_mix("yellow", "blue") == "green"
    assert color_mix("red", "blue") == "purple"


def test_order_and_same():
    assert color_mix("blue", "red") == "purple"
    assert color_mix("yellow", "red") == "orange"
    assert color_mix("blue", "yellow") == "green"
    assert color_mix("blue", "blue") == "blue"
