from next_power_of_two import next_power_of_two


def test_next_power_of_two_normal():
    assert next_power_of_two(5) == 8
    assert next_power_of_two(17) == 32
    assert next_power_of_two(100) == 128


def test_next_power_of_two_edge_cases():
    assert next_power_of_two(8) == 8
    assert next_power_of_two(1) == 1
    assert next_power_of_two(2) == 2
    assert next_power_of_two(0) == 1
    assert next_power_of_two(-3) == 1
