from simple_interest import simple_interest


def test_simple_interest():
    assert simple_interest(1000, 5, 2) == 100.0
    assert simple_interest(500, 4, 2) == 40.0
    assert simple_interest(200, 5, 3) == 30.0


def test_zero_terms():
    assert simple_interest(1000, 5, 0) == 0
    assert simple_interest(1000, 0, 3) == 0
    assert simple_interest(2000, 5, 1) == 100.0
