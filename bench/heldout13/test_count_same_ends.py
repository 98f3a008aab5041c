from count_same_ends import count_same_ends


def test_count_same_ends():
    assert count_same_ends(["abca", "xyz", "wow"]) == 2
    assert count_same_ends(["level", "noon", "o"]) == 3
    assert count_same_ends(["ab", "cd"]) == 0


def test_empty_single_and_case():
    assert count_same_ends([]) == 0
    assert count_same_ends(["", "a"]) == 1
    assert count_same_ends(["Anna", "anna"]) == 1
