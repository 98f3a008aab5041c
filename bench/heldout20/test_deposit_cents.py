from deposit_cents import deposit_cents


def test_deposit_cents():
    assert deposit_cents(2, 3) == 80
    assert deposit_cents(4, 0) == 100
    assert deposit_cents(0, 7) == 70
    assert deposit_cents(1, 1) == 35


def test_nothing_returned():
    assert deposit_cents(0, 0) == 0
    assert deposit_cents(10, 10) == 350
    assert deposit_cents(3, 1) == 85
