from opposite_direction import opposite_direction


def test_opposite_direction():
    assert opposite_direction("N") == "S"
    assert opposite_direction("S") == "N"
    assert opposite_direction("E") == "W"


def test_west_and_twice():
    assert opposite_direction("W") == "E"
    assert opposite_direction(opposite_direction("E")) == "E"
    assert [opposite_direction(d) for d in ["N", "E", "S", "W"]] == ["S", "W", "N", "E"]
