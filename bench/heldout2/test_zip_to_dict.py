from zip_to_dict import zip_to_dict


def test_zip_to_dict():
    assert zip_to_dict(["a", "b"], [1, 2]) == {"a": 1, "b": 2}
    assert zip_to_dict([], []) == {}
    assert zip_to_dict(["a", "a"], [1, 2]) == {"a": 2}


def test_uneven_lengths():
    assert zip_to_dict(["a", "b", "c"], [1]) == {"a": 1}
    assert zip_to_dict(["a"], [1, 2, 3]) == {"a": 1}
