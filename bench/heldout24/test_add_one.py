from add_one import add_one


def test_add_one():
    assert add_one(5) == 6
    assert add_one(99) == 100
    assert add_one(1) == 2


def test_zero_and_negative():
    assert add_one(0) == 1
    assert add_one(-1) == 0
    assert add_one(-10) == -9
