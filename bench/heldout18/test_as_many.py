from as_many import as_many


def test_as_many():
    assert as_many(["x", "y", "x", "y"], "x", "y") is True
    assert as_many([1, 2, 2], 1, 2) is False
    assert as_many([4, 5, 6, 5, 4], 4, 5) is True


def test_empty_and_absent():
    assert as_many([], 1, 2) is True
    assert as_many([1, 2, 3], 4, 5) is True
    assert as_many([7], 7, 8) is False
    assert as_many([2, 2], 2, 2) is True
