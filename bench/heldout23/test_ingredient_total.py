from ingredient_total import ingredient_total


def test_ingredient_total():
    assert ingredient_total({"cake": {"egg": 3, "milk": 1}, "omelette": {"egg": 2}}, "egg") == 5
    assert ingredient_total({"cake": {"egg": 3, "milk": 1}, "omelette": {"egg": 2}}, "milk") == 1
    assert ingredient_total({"a": {"flour": 200}, "b": {"flour": 50}, "c": {}}, "flour") == 250


def test_missing_and_empty():
    assert ingredient_total({"tea": {"water": 250}}, "egg") == 0
    assert ingredient_total({"x": {}, "y": {"salt": 2}}, "salt") == 2
    assert ingredient_total({}, "egg") == 0
