from day_name import day_name


def test_day_name():
    assert day_name(1) == "Monday"
    assert day_name(3) == "Wednesday"
    assert day_name(5) == "Friday"


def test_weekend_and_all():
    assert day_name(6) == "Saturday"
    assert day_name(7) == "Sunday"
    assert [day_name(n) for n in range(1, 8)] == [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
