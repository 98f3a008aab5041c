from ticket_price import ticket_price


def test_ticket_price():
    assert ticket_price(7) == 5
    assert ticket_price(30) == 10


def test_boundaries():
    assert ticket_price(0) == 0
    assert ticket_price(2) == 0
    assert ticket_price(3) == 5
    assert ticket_price(11) == 5
    assert ticket_price(12) == 10
