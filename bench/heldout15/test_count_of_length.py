from count_of_length import count_of_length


def test_count_of_length():
    assert count_of_length(["cat", "dog", "bird"], 3) == 2
    assert count_of_length(["a", "bb", "ccc"], 2) == 1
    assert count_of_length(["hi", "yo"], 5) == 0


def test_empty_cases():
    assert count_of_length([], 0) == 0
    assert count_of_length([], 3) == 0
    assert count_of_length(["", "x", ""], 0) == 2
    assert count_of_length(["one", "three", "seven"], 5) == 2
