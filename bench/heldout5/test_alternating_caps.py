from alternating_caps import alternating_caps


def test_alternating_caps():
    assert alternating_caps("hello") == "HeLlO"
    assert alternating_caps("ABCD") == "AbCd"
    assert alternating_caps("") == ""


def test_non_letters_count():
    assert alternating_caps("a b") == "A B"
    assert alternating_caps("x1y2") == "X1Y2"
    assert alternating_caps("ab cd") == "Ab cD"
