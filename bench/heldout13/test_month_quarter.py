from month_quarter import month_quarter


def test_month_quarter():
    assert month_quarter(2) == 1
    assert month_quarter(5) == 2
    assert month_quarter(8) == 3
    assert month_quarter(11) == 4


def test_quarter_edges():
    assert month_quarter(1) == 1
    assert month_quarter(3) == 1
    assert month_quarter(4) == 2
    assert month_quarter(9) == 3
    assert month_quarter(10) == 4
    assert month_quarter(12) == 4
