from count_letters import count_letters


def test_count_letters():
    assert count_letters("abc") == 3
    assert count_letters("Hi there!") == 7
    assert count_letters("a1b2") == 2
    assert count_letters("A-Z") == 2


def test_no_letters_and_empty():
    assert count_letters("123") == 0
    assert count_letters("  ?") == 0
    assert count_letters("") == 0
