from seat_label import seat_label


def test_seat_label():
    assert seat_label(12, 2) == "12C"
    assert seat_label(1, 0) == "1A"
    assert seat_label(30, 5) == "30F"


def test_last_letter_and_big_rows():
    assert seat_label(7, 25) == "7Z"
    assert seat_label(100, 1) == "100B"
    assert seat_label(9, 3) == "9D"
