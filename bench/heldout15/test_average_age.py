from average_age import average_age


def test_average_age():
    assert average_age([{"name": "Ann", "age": 30}, {"name": "Bo", "age": 20}]) == 25.0
    assert average_age([{"name": "Cy", "age": 1}, {"name": "Di", "age": 2}]) == 1.5
    assert (
        average_age([{"name": "Ed", "age": 7}, {"name": "Fa", "age": 8}, {"name": "Gu", "age": 9}])
        == 8.0
    )


def test_empty_and_one():
    assert average_age([]) is None
    result = average_age([{"name": "Ann", "age": 40}])
    assert result == 40.0
    assert isinstance(result, float)
