import pytest
from every_nth import every_nth


def test_every_nth():
    assert every_nth([1, 2, 3, 4, 5, 6, 7], 3) == [3, 6]
    assert every_nth(["a", "b", "c"], 1) == ["a", "b", "c"]
    assert every_nth([1, 2, 3, 4], 2) == [2, 4]


def test_short_and_empty():
    assert every_nth([1, 2], 3) == []
    assert every_nth([], 2) == []


def test_bad_n():
    with pytest.raises(ValueError):
        every_nth([1, 2, 3], 0)
    with pytest.raises(ValueError):
        every_nth([1, 2, 3], -1)
