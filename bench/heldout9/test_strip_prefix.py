from strip_prefix import strip_prefix


def test_strip_prefix():
    assert strip_prefix("unhappy", "un") == "happy"
    assert strip_prefix("happy", "un") == "happy"
    assert strip_prefix("Unhappy", "un") == "Unhappy"


def test_repeats_and_empty():
    assert strip_prefix("unun", "un") == "un"
    assert strip_prefix("un", "un") == ""
    assert strip_prefix("", "un") == ""
    assert strip_prefix("abc", "") == "abc"
