from names_by_team import names_by_team


def test_names_by_team():
    people = [
        {"name": "Ann", "team": "red"},
        {"name": "Bo", "team": "blue"},
        {"name": "Cy", "team": "red"},
    ]
    assert names_by_team(people) == {"red": ["Ann", "Cy"], "blue": ["Bo"]}
    assert list(names_by_team(people)) == ["red", "blue"]
    assert names_by_team([{"name": "Di", "team": 2}]) == {2: ["Di"]}


def test_empty_and_one_team():
    assert names_by_team([]) == {}
    same = [{"name": "Z", "team": "t"}, {"name": "A", "team": "t"}]
    assert names_by_team(same) == {"t": ["Z", "A"]}
