from char_frequency import char_frequency


def test_char_frequency():
    assert char_frequency("hello") == {"h": 1, "e": 1, "l": 2, "o": 1}
    assert char_frequency("zzz") == {"z": 3}
    assert char_frequency("a a") == {"a": 2, " ": 1}
    assert char_frequency("aA") == {"a": 1, "A": 1}
    assert char_frequency("") == {}
