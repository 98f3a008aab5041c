from fewest_coins import fewest_coins


def test_fewest_coins():
    assert fewest_coins(30) == 2
    assert fewest_coins(41) == 4
    assert fewest_coins(99) == 9


def test_zero_and_single_coins():
    assert fewest_coins(0) == 0
    assert fewest_coins(1) == 1
    assert fewest_coins(25) == 1
    assert fewest_coins(100) == 4
