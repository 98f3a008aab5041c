from steps_to_zero import steps_to_zero


def test_steps_to_zero_normal():
    assert steps_to_zero(14) == 6
    assert steps_to_zero(8) == 4
    assert steps_to_zero(123) == 12


def test_steps_to_zero_edge_cases():
    assert steps_to_zero(0) == 0
    assert steps_to_zero(1) == 1
    assert steps_to_zero(2) == 2
    assert steps_to_zero(3) == 3
