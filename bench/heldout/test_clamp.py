from clamp import clamp


def test_clamp():
    assert clamp(5, 0, 3) == 3
    assert clamp(-2, 0, 3) == 0
    assert clamp(2, 0, 3) == 2
    assert clamp(0, 0, 3) == 0
    assert clamp(3, 0, 3) == 3
    assert clamp(1.5, -1.0, 1.0) == 1.0
