from sum_pairs import sum_pairs


def test_sum_pairs():
    assert sum_pairs([1, 2, 3, 4]) == [3, 7]
    assert sum_pairs([5, 5]) == [10]
    assert sum_pairs([1, -1, 2, 0]) == [0, 2]


def test_empty_and_unpaired():
    assert sum_pairs([]) == []
    assert sum_pairs([7]) == [7]
    assert sum_pairs([1, 2, 3]) == [3, 3]
