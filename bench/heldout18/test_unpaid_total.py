from unpaid_total import unpaid_total


def test_unpaid_total():
    invoices = [
        {"amount": 10, "paid": False},
        {"amount": 5, "paid": True},
        {"amount": 7, "paid": False},
    ]
    assert unpaid_total(invoices) == 17
    assert unpaid_total([{"amount": 3, "paid": True}]) == 0
    assert unpaid_total([{"amount": 2.5, "paid": False}]) == 2.5


def test_empty_and_zero():
    assert unpaid_total([]) == 0
    assert unpaid_total([{"amount": 4, "paid": True}, {"amount": 6, "paid": True}]) == 0
    assert unpaid_total([{"amount": 0, "paid": False}, {"amount": 4, "paid": False}]) == 4
