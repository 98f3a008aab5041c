from net_change import net_change


def test_net_change():
    assert net_change([3, 5, 10]) == 7
    assert net_change([10, 4]) == -6
    assert net_change([2, 9, 1, 2]) == 0
    assert net_change([1, 100, 3]) == 2


def test_short_lists():
    assert net_change([]) == 0
    assert net_change([5]) == 0
    assert net_change([-3, 3]) == 6
