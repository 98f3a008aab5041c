from words_per_line import words_per_line


def test_words_per_line():
    assert words_per_line("a b\nc") == [2, 1]
    assert words_per_line("one two three") == [3]
    assert words_per_line("a\tb\nc d e") == [2, 3]


def test_empty_and_blank_lines():
    assert words_per_line("") == []
    assert words_per_line("x\n\ny z") == [1, 0, 2]
    assert words_per_line("  lead  and trail  ") == [3]
