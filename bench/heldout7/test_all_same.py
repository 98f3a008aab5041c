from all_same import all_same


def test_all_same():
    assert all_same([3, 3, 3]) is True
    assert all_same([1, 2, 1]) is False
    assert all_same(["a", "a"]) is True


def test_short_lists():
    assert all_same([]) is True
    assert all_same([5]) is True
    assert all_same([None, None]) is True
