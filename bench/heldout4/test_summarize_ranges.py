from summarize_ranges import summarize_ranges


def test_summarize_ranges():
    assert summarize_ranges([1, 2, 3, 5, 7, 8]) == ["1-3", "5", "7-8"]
    assert summarize_ranges([10, 11]) == ["10-11"]
    assert summarize_ranges([1, 3, 5]) == ["1", "3", "5"]


def test_small():
    assert summarize_ranges([4]) == ["4"]
    assert summarize_ranges([]) == []
