from even_index_sum import even_index_sum


def test_even_index_sum():
    assert even_index_sum([1, 2, 3, 4, 5]) == 9
    assert even_index_sum([10, 20]) == 10
    assert even_index_sum([-1, 5, -3]) == -4


def test_short_and_empty():
    assert even_index_sum([7]) == 7
    assert even_index_sum([0, 100, 0, 100]) == 0
    assert even_index_sum([]) == 0
