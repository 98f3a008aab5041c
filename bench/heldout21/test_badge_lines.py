from badge_lines import badge_lines


def test_badge_lines():
    assert badge_lines(["Ann", "Bo"], "PyCon") == ["Ann @ PyCon", "Bo @ PyCon"]
    assert badge_lines(["Mary Ann"], "Expo 2024") == ["Mary Ann @ Expo 2024"]
    assert badge_lines(["Bo", "Bo"], "X") == ["Bo @ X", "Bo @ X"]


def test_empty():
    assert badge_lines([], "PyCon") == []
    assert badge_lines(["Ann"], "") == ["Ann @ "]
    assert badge_lines([""], "Fair") == [" @ Fair"]
