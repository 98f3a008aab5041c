from common_prefix import common_prefix


def test_common_prefix():
    assert common_prefix(["flower", "flow", "flight"]) == "fl"
    assert common_prefix(["ab", "abc", "abcd"]) == "ab"
    assert common_prefix(["alone"]) == "alone"


def test_no_prefix():
    assert common_prefix(["dog", "racecar", "car"]) == ""
    assert common_prefix([]) == ""
    assert common_prefix(["", "a"]) == ""
    assert common_prefix(["Ab", "ab"]) == ""
