from compass_point import compass_point


def test_compass_point():
    assert compass_point(0) == "N"
    assert compass_point(100) == "E"
    assert compass_point(180) == "S"
    assert compass_point(270) == "W"


def test_bounds():
    assert compass_point(44) == "N"
    assert compass_point(45) == "E"
    assert compass_point(224) == "S"
    assert compass_point(315) == "N"
