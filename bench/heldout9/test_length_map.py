from length_map import length_map


def test_length_map():
    assert length_map(["hi", "there"]) == {"hi": 2, "there": 5}
    assert length_map(["a", "a"]) == {"a": 1}


def test_empty():
    assert length_map([]) == {}
    assert length_map([""]) == {"": 0}
    assert length_map(["a b"]) == {"a b": 3}
