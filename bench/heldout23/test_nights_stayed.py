from nights_stayed import nights_stayed


def test_nights_stayed():
    assert nights_stayed("2024-03-15", "2024-03-18") == 3
    assert nights_stayed("2024-01-30", "2024-02-02") == 3
    assert nights_stayed("2023-12-31", "2024-01-01") == 1
    assert nights_stayed("2024-02-28", "2024-03-01") == 2


def test_same_day_and_long():
    assert nights_stayed("2024-05-05", "2024-05-05") == 0
    assert nights_stayed("2023-02-28", "2023-03-01") == 1
    assert nights_stayed("2024-01-01", "2025-01-01") == 366
