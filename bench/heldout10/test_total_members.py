from total_members import total_members


def test_total_members():
    assert total_members({"a": ["x", "y"], "b": ["z"]}) == 3
    assert total_members({"a": ["x"], "b": ["x"]}) == 2
    assert total_members({"red": ["ann", "bo", "cy", "di"]}) == 4


def test_empty():
    assert total_members({}) == 0
    assert total_members({"a": []}) == 0
    assert total_members({"a": [], "b": ["q"]}) == 1
