from pizza_slices import pizza_slices


def test_pizza_slices():
    assert pizza_slices(3, 5) == 4
    assert pizza_slices(2, 4) == 4
    assert pizza_slices(1, 3) == 2


def test_few_slices():
    assert pizza_slices(1, 1) == 8
    assert pizza_slices(1, 8) == 1
    assert pizza_slices(1, 9) == 0
    assert pizza_slices(0, 3) == 0
