from nested_total import nested_total


def test_nested_total():
    assert nested_total({"a": {"x": 1, "y": 2}, "b": {"z": 3}}) == 6
    assert nested_total({"a": {"x": 5}}) == 5
    assert nested_total({"a": {"x": 1.5}, "b": {"y": -1}}) == 0.5


def test_empty_dicts():
    assert nested_total({}) == 0
    assert nested_total({"a": {}}) == 0
    assert nested_total({"a": {}, "b": {"q": 4}}) == 4
