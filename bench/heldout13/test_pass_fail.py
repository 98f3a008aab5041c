from pass_fail import pass_fail


def test_pass_fail():
    assert pass_fail([70, 30, 90], 50) == ["pass", "fail", "pass"]
    assert pass_fail([10], 5) == ["pass"]
    assert pass_fail([1, 2], 3) == ["fail", "fail"]


def test_empty_and_at_cutoff():
    assert pass_fail([], 50) == []
    assert pass_fail([50, 49], 50) == ["pass", "fail"]
    assert pass_fail([59.5, 60.0], 60) == ["fail", "pass"]
