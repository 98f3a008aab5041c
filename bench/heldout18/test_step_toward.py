from step_toward import step_toward


def test_step_toward():
    assert step_toward(0, 10, 3) == 3
    assert step_toward(10, 0, 4) == 6
    assert step_toward(-5, 5, 2) == -3
    assert step_toward(8, 10, 3) == 10


def test_reach_and_equal():
    assert step_toward(7, 7, 2) == 7
    assert step_toward(5, 2, 3) == 2
    assert step_toward(5, 3, 3) == 3
    assert step_toward(1.5, 0, 0.5) == 1.0
