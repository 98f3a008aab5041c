from apply_discount import apply_discount


def test_apply_discount():
    assert apply_discount(100, 20) == 80
    assert apply_discount(50, 10) == 45
    assert apply_discount(80, 25) == 60


def test_no_and_full_discount():
    assert apply_discount(30, 0) == 30
    assert apply_discount(30, 100) == 0
    assert apply_discount(0, 50) == 0
