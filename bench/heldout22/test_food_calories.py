from food_calories import food_calories


def test_food_calories():
    assert food_calories(10, 20, 5) == 165
    assert food_calories(0, 0, 1) == 9
    assert food_calories(1, 0, 0) == 4
    assert food_calories(0, 2, 0) == 8


def test_zero_and_fractions():
    assert food_calories(0, 0, 0) == 0
    assert food_calories(2.5, 0, 2) == 28
    assert food_calories(3, 3, 3) == 51
