from full_names import full_names


def test_full_names():
    assert full_names([{"first": "Ada", "last": "Lovelace"}]) == ["Ada Lovelace"]
    assert full_names(
        [{"first": "Alan", "last": "Turing"}, {"first": "Grace", "last": "Hopper"}]
    ) == ["Alan Turing", "Grace Hopper"]
    assert full_names([{"last": "Lee", "first": "Bo"}]) == ["Bo Lee"]


def test_empty_and_extra_keys():
    assert full_names([]) == []
    assert full_names([{"first": "A", "last": "B", "age": 3}]) == ["A B"]
    assert full_names([{"first": "x", "last": "y"}, {"first": "x", "last": "y"}]) == ["x y", "x y"]
