from powers_of_two import powers_of_two


def test_powers_of_two_normal():
    assert powers_of_two(4) == [1, 2, 4, 8]
    assert powers_of_two(1) == [1]
    assert powers_of_two(6) == [1, 2, 4, 8, 16, 32]


def test_powers_of_two_edge_cases():
    assert powers_of_two(0) == []
    assert powers_of_two(2) == [1, 2]
    assert len(powers_of_two(11)) == 11
    assert powers_of_two(11)[-1] == 1024
