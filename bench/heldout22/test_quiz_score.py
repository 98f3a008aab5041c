from quiz_score import quiz_score


def test_quiz_score():
    assert quiz_score({"q1": "a", "q2": "b"}, {"q1": "a", "q2": "c"}) == 1
    assert quiz_score({"q1": "a", "q2": "c"}, {"q1": "a", "q2": "c"}) == 2
    assert quiz_score({"q1": 4, "q2": 5}, {"q1": 5, "q2": 4}) == 0
    assert quiz_score({"q1": "b"}, {"q1": "b", "q2": "d", "q3": "e"}) == 1


def test_missing_extra_and_empty():
    assert quiz_score({}, {"q1": "a"}) == 0
    assert quiz_score({"q9": "x", "q1": "A"}, {"q1": "a"}) == 0
    assert quiz_score({"q1": "a"}, {}) == 0
