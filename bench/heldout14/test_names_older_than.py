from names_older_than import names_older_than

PEOPLE = [
    {"name": "Ann", "age": 30},
    {"name": "Bo", "age": 12},
    {"name": "Cy", "age": 45},
]


def test_names_older_than():
    assert names_older_than(PEOPLE, 18) == ["Ann", "Cy"]
    assert names_older_than(PEOPLE, 40) == ["Cy"]
    assert names_older_than(PEOPLE, 50) == []


def test_empty_and_equal_age():
    assert names_older_than([], 10) == []
    assert names_older_than([{"name": "Di", "age": 20}], 20) == []
    assert names_older_than([{"name": "Di", "age": 20}], 19) == ["Di"]
    assert names_older_than(PEOPLE, 30) == ["Cy"]
