from seconds_to_hms import seconds_to_hms


def test_seconds_to_hms():
    assert seconds_to_hms(3661) == "1:01:01"
    assert seconds_to_hms(0) == "0:00:00"
    assert seconds_to_hms(59) == "0:00:59"
    assert seconds_to_hms(600) == "0:10:00"
    assert seconds_to_hms(3600) == "1:00:00"
    assert seconds_to_hms(86399) == "23:59:59"
    assert seconds_to_hms(90061) == "25:01:01"
