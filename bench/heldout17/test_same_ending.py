from same_ending import same_ending


def test_same_ending():
    assert same_ending("running", "jumping", 3) is True
    assert same_ending("cat", "hat", 2) is True
    assert same_ending("cat", "cap", 2) is False
    assert same_ending("Ring", "sing", 3) is True


def test_short_strings_and_case():
    assert same_ending("at", "at", 3) is False
    assert same_ending("cat", "cat", 3) is True
    assert same_ending("Cat", "cat", 3) is False
    assert same_ending("dog", "log", 1) is True
