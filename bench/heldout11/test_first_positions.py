from first_positions import first_positions


def test_first_positions():
    assert first_positions(["a", "b", "a"]) == {"a": 0, "b": 1}
    assert first_positions(["x", "y", "z"]) == {"x": 0, "y": 1, "z": 2}
    assert first_positions(["b", "b", "a", "b"]) == {"b": 0, "a": 2}


def test_empty_and_single():
    assert first_positions([]) == {}
    assert first_positions([""]) == {"": 0}
    assert list(first_positions(["q", "p", "q"])) == ["q", "p"]
