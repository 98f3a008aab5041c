from sorted_keys import sorted_keys


def test_sorted_keys():
    assert sorted_keys({"b": 1, "a": 2}) == ["a", "b"]
    assert sorted_keys({3: "x", 1: "y", 2: "z"}) == [1, 2, 3]


def test_empty_case_and_negative():
    assert sorted_keys({}) == []
    assert sorted_keys({"b": 1, "B": 2, "a": 3}) == ["B", "a", "b"]
    assert sorted_keys({5: 0, -1: 0, 0: 0}) == [-1, 0, 5]
