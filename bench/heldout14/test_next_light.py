from next_light import next_light


def test_next_light():
    assert next_light("green") == "yellow"
    assert next_light("yellow") == "red"
    assert next_light("red") == "green"


def test_cycle():
    assert next_light(next_light("green")) == "red"
    assert next_light(next_light("red")) == "yellow"
    assert next_light(next_light(next_light("yellow"))) == "yellow"
