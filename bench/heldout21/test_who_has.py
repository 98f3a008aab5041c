from who_has import who_has


def test_who_has():
    assert who_has({"ann": ["pen", "cup"], "bob": ["cup"]}, "pen") == ["ann"]
    assert who_has({"ann": ["pen", "cup"], "bob": ["cup"]}, "cup") == ["ann", "bob"]
    assert who_has({"zoe": ["a"], "amy": ["a"], "kim": ["b"]}, "a") == ["zoe", "amy"]


def test_none_and_empty():
    assert who_has({"ann": ["pen"], "bob": []}, "hat") == []
    assert who_has({"x": ["a", "a"]}, "a") == ["x"]
    assert who_has({}, "pen") == []
