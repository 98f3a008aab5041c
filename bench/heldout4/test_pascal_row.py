import pytest
from pascal_row import pascal_row


def test_pascal_row():
    assert pascal_row(0) == [1]
    assert pascal_row(1) == [1, 1]
    assert pascal_row(2) == [1, 2, 1]
    assert pascal_row(4) == [1, 4, 6, 4, 1]


def test_negative():
    with pytest.raises(ValueError):
        pascal_row(-1)
