from three_for_two import three_for_two


def test_three_for_two():
    assert three_for_two(3, 10) == 20
    assert three_for_two(7, 5) == 25
    assert three_for_two(4, 2) == 6
    assert three_for_two(9, 1) == 6


def test_few_and_zero():
    assert three_for_two(1, 5) == 5
    assert three_for_two(2, 5) == 10
    assert three_for_two(0, 5) == 0
    assert three_for_two(6, 0) == 0
