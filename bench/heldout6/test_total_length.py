from total_length import total_length


def test_total_length():
    assert total_length(["ab", "cde"]) == 5
    assert total_length(["hello"]) == 5
    assert total_length(["a", "b", "c"]) == 3


def test_empty():
    assert total_length([]) == 0
    assert total_length(["", ""]) == 0
    assert total_length([" ", "x"]) == 2
