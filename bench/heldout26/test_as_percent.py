from as_percent import as_percent


def test_as_percent_normal():
    assert as_percent(0.25) == "25%"
    assert as_percent(0.5) == "50%"
    assert as_percent(1) == "100%"


def test_as_percent_edge_cases():
    assert as_percent(0) == "0%"
    assert as_percent(0.07) == "7%"
    assert as_percent(1.5) == "150%"
    assert as_percent(0.333) == "33%"
