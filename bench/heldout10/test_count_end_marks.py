from count_end_marks import count_end_marks


def test_count_end_marks():
    assert count_end_marks("Hi. You?") == 2
    assert count_end_marks("Wow!!!") == 3
    assert count_end_marks("...?") == 4


def test_empty_and_none():
    assert count_end_marks("") == 0
    assert count_end_marks("no marks") == 0
    assert count_end_marks("a,b;c:d") == 0
