from rooms_with_space import rooms_with_space


def test_rooms_with_space():
    assert rooms_with_space({"a": 2, "b": 3}, {"a": 2, "b": 1}) == ["b"]
    assert rooms_with_space({"r1": 1, "r2": 4, "r3": 2}, {"r2": 4}) == ["r1", "r3"]
    assert rooms_with_space({"x": 5}, {"x": 3, "y": 1}) == ["x"]
    assert rooms_with_space({"z": 1, "a": 1}, {}) == ["z", "a"]


def test_full_and_empty():
    assert rooms_with_space({"a": 2, "b": 2}, {"a": 2, "b": 2}) == []
    assert rooms_with_space({"a": 0}, {}) == []
    assert rooms_with_space({}, {"a": 1}) == []
