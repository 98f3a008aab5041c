from keys_with_items import keys_with_items


def test_keys_with_items():
    assert keys_with_items({"a": [1], "b": [], "c": [2, 3]}) == ["a", "c"]
    assert keys_with_items({"z": [0], "y": [1]}) == ["z", "y"]
    assert keys_with_items({"k": [None]}) == ["k"]


def test_empty():
    assert keys_with_items({}) == []
    assert keys_with_items({"x": []}) == []
    assert keys_with_items({"x": [], "y": []}) == []
