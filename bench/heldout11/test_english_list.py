from english_list import english_list


def test_english_list():
    assert english_list(["tea", "milk", "bread"]) == "tea, milk and bread"
    assert english_list(["a", "b"]) == "a and b"
    assert english_list(["w", "x", "y", "z"]) == "w, x, y and z"


def test_empty_and_short():
    assert english_list([]) == ""
    assert english_list(["solo"]) == "solo"
    assert english_list(["x", "x"]) == "x and x"
