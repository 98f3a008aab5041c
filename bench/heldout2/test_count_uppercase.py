from count_uppercase import count_uppercase


def test_count_uppercase():
    assert count_uppercase("Hello World") == 2
    assert count_uppercase("") == 0
    assert count_uppercase("abc") == 0
    assert count_uppercase("ABC") == 3
    assert count_uppercase("A1b2C3!") == 2
