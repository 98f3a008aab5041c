from count_distinct import count_distinct


def test_count_distinct():
    assert count_distinct([1, 2, 2, 3]) == 3
    assert count_distinct([0, 5, 0, 5, 7]) == 3
    assert count_distinct(["a", "b", "c"]) == 3


def test_repeats_and_empty():
    assert count_distinct([1, 1, 1, 1]) == 1
    assert count_distinct(["a", "A"]) == 2
    assert count_distinct([]) == 0
