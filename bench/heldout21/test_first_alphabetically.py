from first_alphabetically import first_alphabetically


def test_first_alphabetically():
    assert first_alphabetically(["pear", "apple", "fig"]) == "apple"
    assert first_alphabetically(["cat", "car"]) == "car"
    assert first_alphabetically(["ab", "a"]) == "a"


def test_case_and_empty():
    assert first_alphabetically(["adam", "Zoe"]) == "Zoe"
    assert first_alphabetically(["b"]) == "b"
    assert first_alphabetically([]) is None
