from twelve_hour import twelve_hour


def test_twelve_hour():
    assert twelve_hour(9) == "9 AM"
    assert twelve_hour(15) == "3 PM"
    assert twelve_hour(23) == "11 PM"


def test_midnight_and_noon():
    assert twelve_hour(0) == "12 AM"
    assert twelve_hour(12) == "12 PM"
    assert twelve_hour(11) == "11 AM"
