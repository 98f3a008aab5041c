from list_product import list_product


def test_list_product():
    assert list_product([2, 3, 4]) == 24
    assert list_product([5]) == 5
    assert list_product([-2, 3]) == -6
    assert list_product([-1, -1, -1]) == -1
    assert list_product([4, 0, 7]) == 0


def test_empty():
    assert list_product([]) == 1
