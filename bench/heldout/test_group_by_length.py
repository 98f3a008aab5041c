from group_by_length import group_by_length


def test_group_by_length():
    words = ["hi", "dog", "to", "cat", "a"]
    assert group_by_length(words) == {2: ["hi", "to"], 3: ["dog", "cat"], 1: ["a"]}
    assert group_by_length(["zz", "aa", "zz"]) == {2: ["zz", "aa", "zz"]}
    assert group_by_length(["word"]) == {4: ["word"]}


def test_empty():
    assert group_by_length([]) == {}
