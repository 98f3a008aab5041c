from gap_to_leader import gap_to_leader


def test_gap_to_leader():
    assert gap_to_leader({"ann": 10, "bob": 7}, "bob") == 3
    assert gap_to_leader({"a": 5, "b": 12, "c": 2}, "a") == 7
    assert gap_to_leader({"a": 5, "b": 12, "c": 2}, "c") == 10


def test_leader_and_tie():
    assert gap_to_leader({"ann": 10, "bob": 7}, "ann") == 0
    assert gap_to_leader({"x": 4}, "x") == 0
    assert gap_to_leader({"a": 9, "b": 9, "c": 1}, "b") == 0
