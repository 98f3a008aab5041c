from count_lines import count_lines


def test_count_lines():
    assert count_lines("one") == 1
    assert count_lines("a\nb\nc") == 3
    assert count_lines("first line\nsecond") == 2


def test_trailing_newline_and_empty():
    assert count_lines("") == 0
    assert count_lines("a\n") == 2
    assert count_lines("\n") == 2
