from swap_ends import swap_ends


def test_swap_ends():
    assert swap_ends([1, 2, 3]) == [3, 2, 1]
    assert swap_ends([1, 2, 3, 4]) == [4, 2, 3, 1]


def test_short_lists():
    assert swap_ends([]) == []
    assert swap_ends([7]) == [7]
    assert swap_ends([5, 5]) == [5, 5]
    items = [1, 2, 3]
    swap_ends(items)
    assert items == [1, 2, 3]
