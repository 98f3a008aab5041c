from csv_lines import csv_lines


def test_csv_lines():
    people = [{"name": "Ann", "age": 30}, {"name": "Bo", "age": 4}]
    assert csv_lines(people, ["name", "age"]) == ["Ann,30", "Bo,4"]
    assert csv_lines([{"a": 1, "b": "x"}], ["b", "a"]) == ["x,1"]
    assert csv_lines([{"a": 1, "b": 2, "c": 3}], ["c"]) == ["3"]


def test_empty_and_none():
    assert csv_lines([], ["a"]) == []
    assert csv_lines([{"a": None}], ["a"]) == ["None"]
    assert csv_lines([{"a": 1}], []) == [""]
