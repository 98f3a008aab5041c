from oldest import oldest


def test_oldest():
    assert oldest([{"name": "ann", "age": 30}, {"name": "bo", "age": 41}]) == "bo"
    assert oldest([{"name": "cy", "age": 7}]) == "cy"
    assert (
        oldest([{"name": "a", "age": 50}, {"name": "b", "age": 20}, {"name": "c", "age": 49}])
        == "a"
    )


def test_empty_and_tie():
    assert oldest([]) is None
    assert oldest([{"name": "x", "age": 5}, {"name": "y", "age": 5}]) == "x"
    assert (
        oldest([{"name": "p", "age": 1}, {"name": "q", "age": 9}, {"name": "r", "age": 9}]) == "q"
    )
