from total_hours import total_hours


def test_total_hours():
    assert total_hours([{"start": 9, "end": 17}]) == 8
    assert total_hours([{"start": 9, "end": 12}, {"start": 13, "end": 17}]) == 7
    assert total_hours([{"start": 0, "end": 24}, {"start": 8, "end": 10}]) == 26


def test_empty_and_zero_length():
    assert total_hours([]) == 0
    assert total_hours([{"start": 5, "end": 5}]) == 0
    assert total_hours([{"start": 6, "end": 7}, {"start": 6, "end": 7}]) == 2
