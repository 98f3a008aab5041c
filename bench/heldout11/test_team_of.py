from team_of import team_of


def test_team_of():
    assert team_of({"red": ["ann", "bo"], "blue": ["cy"]}, "bo") == "red"
    assert team_of({"red": ["ann", "bo"], "blue": ["cy"]}, "cy") == "blue"
    assert team_of({"a": ["x"], "b": ["x"]}, "x") == "a"


def test_missing_and_empty():
    assert team_of({"red": ["ann"]}, "zed") is None
    assert team_of({}, "ann") is None
    assert team_of({"red": []}, "ann") is None
