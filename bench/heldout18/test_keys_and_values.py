from keys_and_values import keys_and_values


def test_keys_and_values():
    assert keys_and_values({"a": 1, "b": 2}) == (["a", "b"], [1, 2])
    assert keys_and_values({"z": 0, "y": 9}) == (["z", "y"], [0, 9])
    assert keys_and_values({1: "one"}) == ([1], ["one"])


def test_empty_and_repeats():
    assert keys_and_values({}) == ([], [])
    assert keys_and_values({"a": 1, "b": 1}) == (["a", "b"], [1, 1])
    assert keys_and_values({"n": None}) == (["n"], [None])
