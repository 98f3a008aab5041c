from count_double_letters import count_double_letters


def test_count_double_letters():
    assert count_double_letters("book") == 1
    assert count_double_letters("bookkeeper") == 3
    assert count_double_letters("aaa") == 2


def test_empty_and_none():
    assert count_double_letters("") == 0
    assert count_double_letters("abc") == 0
    assert count_double_letters("Aa") == 0
