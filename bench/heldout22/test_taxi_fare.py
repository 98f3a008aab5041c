from taxi_fare import taxi_fare


def test_taxi_fare():
    assert taxi_fare(1) == 5
    assert taxi_fare(4) == 11
    assert taxi_fare(10) == 23


def test_zero_and_long():
    assert taxi_fare(0) == 3
    assert taxi_fare(2) == 7
    assert taxi_fare(100) == 203
