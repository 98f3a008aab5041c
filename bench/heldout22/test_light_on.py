from light_on import light_on


def test_light_on():
    assert light_on(1) is True
    assert light_on(2) is False
    assert light_on(3) is True


def test_zero_and_many():
    assert light_on(0) is False
    assert light_on(10) is False
    assert light_on(101) is True
