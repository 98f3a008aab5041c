from score_gains import score_gains


def test_score_gains():
    assert score_gains({"ann": 5, "bob": 3}, {"ann": 8, "bob": 3}) == {"ann": 3, "bob": 0}
    assert score_gains({"a": 10}, {"a": 4}) == {"a": -6}
    assert score_gains({"a": 1}, {"a": 2, "b": 5}) == {"a": 1, "b": 5}
    assert list(score_gains({}, {"z": 2, "y": 1})) == ["z", "y"]


def test_left_out_and_empty():
    assert score_gains({"x": 9, "a": 1}, {"a": 1}) == {"a": 0}
    assert score_gains({"a": 3}, {}) == {}
    assert score_gains({}, {}) == {}
