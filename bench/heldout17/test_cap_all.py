from cap_all import cap_all


def test_cap_all():
    assert cap_all([1, 5, 10], 6) == [1, 5, 6]
    assert cap_all([7, 8], 3) == [3, 3]
    assert cap_all([-5, 0, 5], 0) == [-5, 0, 0]


def test_empty_and_at_cap():
    assert cap_all([], 4) == []
    assert cap_all([4, 4], 4) == [4, 4]
    assert cap_all([2, 9], 10) == [2, 9]
