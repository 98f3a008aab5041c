from best_scores import best_scores


def test_best_scores():
    assert best_scores({"ann": [3, 9, 4], "bob": [5]}) == {"ann": 9, "bob": 5}
    assert best_scores({"cy": [-2, -5]}) == {"cy": -2}
    assert best_scores({"a": [1, 1], "b": [0, 7, 7]}) == {"a": 1, "b": 7}
    assert list(best_scores({"z": [1], "a": [2]})) == ["z", "a"]


def test_empty_lists_and_empty():
    assert best_scores({"ann": []}) == {"ann": None}
    assert best_scores({"a": [], "b": [2]}) == {"a": None, "b": 2}
    assert best_scores({}) == {}
