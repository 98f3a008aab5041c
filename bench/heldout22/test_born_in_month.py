from born_in_month import born_in_month


def test_born_in_month():
    people = {"ann": "1990-07-04", "bob": "1985-12-25", "cy": "2001-07-30"}
    assert born_in_month(people, 7) == ["ann", "cy"]
    assert born_in_month(people, 12) == ["bob"]
    assert born_in_month({"dee": "2000-01-15"}, 1) == ["dee"]


def test_none_and_empty():
    assert born_in_month({"eve": "1999-03-11"}, 11) == []
    assert born_in_month({"al": "2010-10-01"}, 1) == []
    assert born_in_month({"al": "2010-10-01"}, 10) == ["al"]
    assert born_in_month({}, 5) == []
