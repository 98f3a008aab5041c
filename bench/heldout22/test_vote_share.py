from vote_share import vote_share


def test_vote_share():
    assert vote_share(["ann", "bob", "ann", "cy"], "ann") == 0.5
    assert vote_share(["ann", "bob", "ann", "cy"], "cy") == 0.25
    assert vote_share(["x"], "x") == 1.0
    assert vote_share(["a", "b", "b", "b", "b"], "a") == 0.2


def test_none_and_empty():
    assert vote_share(["bob"], "ann") == 0.0
    assert vote_share(["ann"], "Ann") == 0.0
    assert vote_share([], "ann") == 0.0
