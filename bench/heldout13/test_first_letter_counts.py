from first_letter_counts import first_letter_counts


def test_first_letter_counts():
    assert first_letter_counts(["apple", "avocado", "bean"]) == {"a": 2, "b": 1}
    assert first_letter_counts(["cat", "dog", "cow", "duck"]) == {"c": 2, "d": 2}
    assert first_letter_counts(["x"]) == {"x": 1}


def test_empty_case_and_order():
    assert first_letter_counts([]) == {}
    assert first_letter_counts(["Ant", "ant", "art"]) == {"A": 1, "a": 2}
    assert list(first_letter_counts(["bee", "ape", "bat"])) == ["b", "a"]
