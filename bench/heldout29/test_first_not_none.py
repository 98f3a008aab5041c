from first_not_none import first_not_none


def test_first_not_none_normal():
    assert first_not_none([None, 3, 4]) == 3
    assert first_not_none([1, 2]) == 1
    assert first_not_none([None, None, "a"]) == "a"
    assert first_not_none([None, 0, 5]) == 0


def test_first_not_none_edge_cases():
    assert first_not_none([]) is None
    assert first_not_none([None]) is None
    assert first_not_none([None, False]) is False
    assert first_not_none(["", None]) == ""
