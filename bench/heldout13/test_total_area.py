import pytest
from total_area import total_area


def test_total_area():
    assert total_area([[2, 3], [4, 5]]) == 26
    assert total_area([[10, 10]]) == 100
    assert total_area([[1.5, 2], [0.5, 1]]) == pytest.approx(3.5)


def test_empty_and_zero():
    assert total_area([]) == 0
    assert total_area([[0, 5], [3, 0]]) == 0
    assert total_area([[2, 2], [2, 2], [2, 2]]) == 12
