from has_none import has_none


def test_has_none_normal():
    assert has_none([1, None, 3]) is True
    assert has_none([1, 2, 3]) is False
    assert has_none([None]) is True


def test_has_none_edge_cases():
    assert has_none([]) is False
    assert has_none([0, "", False, []]) is False
    assert has_none(["None"]) is False
